//! `lang=go` regeneration never loses user work: rows filled in and code
//! added survive byte for byte, tests for new methods and services appear
//! with the harness pieces and imports they need (still gofmt-clean), a
//! test whose method is gone is kept and reported, and an unchanged proto
//! changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use protoc_gen_test::{Plan, plan};
use protosmith_core::model;
use protosmith_core::protocol::PluginRequest;

/// A scratch project: `proto/` with the proto, `out/` where output is written.
struct Project {
    root: PathBuf,
}

impl Project {
    fn new(name: &str, proto: &str) -> Project {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("go-regen-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&root).ok();
        std::fs::create_dir_all(root.join("proto/shop/v1")).unwrap();
        std::fs::create_dir_all(root.join("out")).unwrap();
        let project = Project { root };
        project.write_proto(proto);
        project
    }

    fn write_proto(&self, text: &str) {
        std::fs::write(self.root.join("proto/shop/v1/shop.proto"), text).unwrap();
    }

    fn path(&self) -> PathBuf {
        self.root.join("out").join(TEST)
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.path()).unwrap()
    }

    fn write(&self, text: &str) {
        std::fs::write(self.path(), text).unwrap();
    }

    /// Runs the plugin as protoc would and writes what it returns.
    fn generate(&self) -> Result<Plan, String> {
        let parameter = format!(
            "lang=go,paths=source_relative,dir={}",
            self.root.join("out").display()
        );
        let input = PluginRequest::compile(
            &["shop/v1/shop.proto"],
            &[self.root.join("proto")],
            &parameter,
        )
        .map_err(|d| d.to_string())?;
        let plan = input
            .run(|input, options| plan(&model::build(input), options))
            .map_err(|d| d.to_string())?;
        for file in &plan.files {
            let path = self.root.join("out").join(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &file.content).unwrap();
        }
        Ok(plan)
    }

    fn assert_gofmt_clean(&self) {
        let output = Command::new("gofmt")
            .arg("-l")
            .arg(self.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run gofmt ({e}): install Go 1.26 or later"));
        assert!(
            output.status.success() && output.stdout.is_empty(),
            "gofmt rejects or would change the merged file:\n{}{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            self.read()
        );
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.root).ok();
    }
}

const TEST: &str = "shop/v1/shop_test.go";

fn shop(services: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\noption go_package = \"shop.example/gen/shop/v1;shopv1\";\n\n\
         message Item {{ string id = 1; }}\nmessage Query {{ string prefix = 1; }}\n\n{services}"
    )
}

const FIRST: &str =
    "service Shop {\n  // GetItem returns one item.\n  rpc GetItem(Query) returns (Item);\n}\n";

const ROWS: &str =
    "\t\t{name: \"found\", req: &shopv1.Query{Prefix: \"a\"}, want: &shopv1.Item{Id: \"a-1\"}},\n";

/// The first generation with the table of TestShop_GetItem filled in and a
/// helper of the user's at the end.
fn filled(project: &Project) -> String {
    project.generate().unwrap();
    let text = project.read();
    let example = text
        .lines()
        .find(|l| l.contains("// {name: \"ok\""))
        .unwrap()
        .to_owned();
    let text = text.replacen(&format!("{example}\n"), ROWS, 1)
        + "\n// item is a helper of the developer's.\nfunc item(id string) *shopv1.Item { return &shopv1.Item{Id: id} }\n";
    project.write(&text);
    text
}

#[test]
fn an_unchanged_proto_changes_nothing() {
    let project = Project::new("same", &shop(FIRST));
    let text = filled(&project);
    let plan = project.generate().unwrap();
    assert_eq!(project.read(), text);
    assert!(plan.notes.is_empty(), "{:?}", plan.notes);
    project.assert_gofmt_clean();
}

#[test]
fn new_methods_and_services_are_added_with_their_imports_and_rows_are_kept() {
    let project = Project::new("grow", &shop(FIRST));
    let text = filled(&project);
    assert!(!text.contains("\t\"io\"\n"), "a unary service needs no io");
    project.write_proto(&shop(
        "service Shop {\n  rpc GetItem(Query) returns (Item);\n  rpc ListItems(Query) returns (stream Item);\n}\n\
         service Admin {\n  rpc Sync(stream Item) returns (stream Item);\n}\n",
    ));
    let plan = project.generate().unwrap();
    let merged = project.read();

    // Every line the user had is there, in order: only imports were inserted before the end.
    let without_io = merged.replacen("\t\"io\"\n", "", 1);
    assert!(
        without_io.starts_with(&text),
        "the filled-in file is not kept:\n{merged}"
    );
    assert!(merged.contains(ROWS));
    assert!(merged.contains("func item(id string)"));
    for added in [
        "func recvShop[M any]",
        "func equalShop[M proto.Message]",
        "// Tests /shop.v1.Shop/ListItems.\nfunc TestShop_ListItems(t *testing.T) {",
        "var newAdminServer func(t *testing.T) shopv1.AdminServer",
        "func dialAdmin(t *testing.T) shopv1.AdminClient {",
        "// Tests /shop.v1.Admin/Sync.\nfunc TestAdmin_Sync(t *testing.T) {",
    ] {
        assert!(merged.contains(added), "no {added:?} in:\n{merged}");
    }
    assert_eq!(merged.matches("func TestShop_GetItem(").count(), 1);
    assert_eq!(
        plan.notes,
        [format!(
            "{TEST}: added the harness of the new service shop.v1.Admin; its tests skip until you set \
             newAdminServer in a file of your own"
        )]
    );
    project.assert_gofmt_clean();

    // And once more: nothing changes.
    project.generate().unwrap();
    assert_eq!(project.read(), merged);
}

#[test]
fn a_removed_method_keeps_its_test_and_rows_and_is_reported() {
    let project = Project::new("shrink", &shop(FIRST));
    let text = filled(&project);
    // The user renamed the test: its marker still says which method it tests.
    let text = text.replace("TestShop_GetItem", "TestGetItemByPrefix");
    project.write(&text);
    project.write_proto(&shop(
        "service Shop {\n  rpc FindItem(Query) returns (Item);\n}\n",
    ));
    let plan = project.generate().unwrap();
    let merged = project.read();
    assert!(
        merged.starts_with(&text),
        "the filled-in file is not kept:\n{merged}"
    );
    assert!(merged.contains("func TestShop_FindItem(t *testing.T) {"));
    assert!(!merged.contains("func TestShop_GetItem("));
    assert_eq!(
        plan.notes,
        [format!(
            "{TEST}: TestGetItemByPrefix tests /shop.v1.Shop/GetItem, which shop/v1/shop.proto no longer has; \
             it is kept, rows and all, and no longer compiles: move its rows to the method that replaced \
             it, or delete it"
        )]
    );
    project.assert_gofmt_clean();
}

#[test]
fn a_file_that_is_not_go_is_refused_and_left_alone() {
    let project = Project::new("broken", &shop(FIRST));
    project.generate().unwrap();
    project.write("not go at all\n");
    let err = project.generate().unwrap_err();
    assert!(err.contains(&format!("{TEST}: no package clause")), "{err}");
    assert_eq!(project.read(), "not go at all\n");
}

#[test]
fn options_name_the_language_they_belong_to() {
    use protoc_gen_test::TestOptions;
    use protosmith_core::options::PluginOptions;
    let err = TestOptions::parse("dir=.,paths=source_relative").unwrap_err();
    assert!(err.to_string().contains("apply to lang=go only"), "{err}");
    let err = TestOptions::parse("dir=.,lang=go,module_root=crate::proto").unwrap_err();
    assert!(
        err.to_string().contains("applies to lang=rust only"),
        "{err}"
    );
    let err = TestOptions::parse("dir=.,lang=og").unwrap_err();
    assert!(err.to_string().contains("did you mean lang=go?"), "{err}");
    let go =
        TestOptions::parse("dir=.,lang=go,module=acme.example/gen,Ma/b.proto=acme.example/gen/b")
            .unwrap();
    assert_eq!(go.lang, protoc_gen_test::Lang::Go);
    assert_eq!(go.go.module.as_deref(), Some("acme.example/gen"));
}

#[test]
fn a_proto_without_a_go_package_is_an_error_naming_the_file() {
    let project = Project::new(
        "nopkg",
        "syntax = \"proto3\";\npackage shop.v1;\nmessage Item { string id = 1; }\n\
         service Shop {\n  rpc GetItem(Item) returns (Item);\n}\n",
    );
    let err = project.generate().unwrap_err();
    assert!(
        err.contains("shop/v1/shop.proto")
            && err.contains("unable to determine Go import path")
            && err.contains("go_package"),
        "{err}"
    );
    assert!(!project.path().exists());
}
