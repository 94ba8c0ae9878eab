package dev.protosmith.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protosmith.grpcerrors.GrpcError;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import very.longer.pkg.name.v1.EdgeErrorsErrors;
import very.longer.pkg.name.v1.HTTPErrorErrors;

/** The edge golden files (edge/java): the escapes decode to the proto's text, the names work. */
class EdgeGeneratedTest {
  @Test
  void stringLiteralsDecodeToTheProtosText() {
    assertEquals(
        "x \"{class}\" {default} {user_id} {userId} \\ \n\t\u0001 \u202E {{lit}} "
            + new String(Character.toChars(0x1F600)),
        HTTPErrorErrors.NOT_FOUND.message());
    assertEquals(
        Map.of("de_CH", "gr\u00FCezi {class}", "zh-TW", "ok \u4E2D"),
        HTTPErrorErrors.NOT_FOUND.translations());
    assertEquals(
        List.of("class", "default", "user_id", "userId"), HTTPErrorErrors.NOT_FOUND.placeholders());
  }

  @Test
  void keywordsAndClashesGetTheirDocumentedNames() {
    GrpcError error = HTTPErrorErrors.notFound("c", "d", "u1", "u2");
    assertEquals(
        Map.of("class", "c", "default", "d", "user_id", "u1", "userId", "u2"), error.metadata());
    assertTrue(error.message().startsWith("x \"c\" d u1 u2 \\ \n"));
    assertEquals("gr\u00FCezi c", error.localizedMessage("de_CH").orElseThrow());
    assertEquals("very.longer.pkg.name.v1.HTTP_ERROR_ALL", HTTPErrorErrors.all().reason());
    assertEquals(4, HTTPErrorErrors.ALL.size());
    assertTrue(HTTPErrorErrors.isAll(HTTPErrorErrors.ALL_.newError().toStatusRuntimeException()));
    assertTrue(HTTPErrorErrors.isDefault(HTTPErrorErrors.default_()));
    assertFalse(HTTPErrorErrors.isDefault(HTTPErrorErrors.all()));
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        HTTPErrorErrors.withARidiculouslyLongValueNameThatGoesOnAndOnAndOn("a", "b", "c").code());
    assertEquals(Status.Code.ABORTED, EdgeErrorsErrors.edgeV2Failed().code());
    assertEquals(401, EdgeErrorsErrors.edge2faRequired().httpStatus());
    assertTrue(EdgeErrorsErrors.isEdge2faRequired(EdgeErrorsErrors.edge2faRequired()));
  }
}
