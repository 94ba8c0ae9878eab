package dev.protosmith.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The interop cases, Java client against Java server, over netty on 127.0.0.1 in one JVM. */
class InteropTest {
  @Test
  void everyCasePasses() throws IOException, InterruptedException {
    Server server = InteropServer.start();
    int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      JsonObject file =
          JsonParser.parseString(Files.readString(Path.of("../cases.json"), StandardCharsets.UTF_8))
              .getAsJsonObject();
      List<String> failures = new ArrayList<>();
      int cases = 0;
      for (JsonElement element : file.getAsJsonArray("cases")) {
        JsonObject testCase = element.getAsJsonObject();
        List<String> problems = InteropClient.run(channel, testCase);
        if (!problems.isEmpty()) {
          failures.add(Interop.string(testCase, "name") + ": " + problems);
        }
        cases++;
      }
      assertEquals(List.of(), failures);
      assertEquals(true, cases >= 16, "cases read: " + cases);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
