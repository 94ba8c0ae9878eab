//! Regeneration never loses user work: tests and rows the user edited or
//! added survive byte for byte, tests for new methods appear, tests whose
//! method is gone are reported and kept, and an unchanged proto changes nothing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use protoc_gen_test::{Plan, plan};
use protosmith_core::model;
use protosmith_core::protocol::PluginRequest;

/// A scratch project: `proto/` with the protos, `out/` where output is written.
struct Project {
    root: PathBuf,
}

impl Project {
    fn new(user_proto: &str) -> Project {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "protosmith-regen-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(root.join("proto/shop/v1")).unwrap();
        std::fs::create_dir_all(root.join("out")).unwrap();
        let project = Project { root };
        project.write_proto(user_proto);
        project
    }

    fn write_proto(&self, text: &str) {
        std::fs::write(self.root.join("proto/shop/v1/shop.proto"), text).unwrap();
    }

    fn out(&self, name: &str) -> PathBuf {
        self.root.join("out").join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.out(name)).unwrap()
    }

    fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} has no {from:?}");
        std::fs::write(self.out(name), text.replacen(from, to, 1)).unwrap();
    }

    /// Runs the plugin as protoc would and writes what it returns.
    fn generate(&self) -> Result<Plan, String> {
        let parameter = format!("dir={}", self.root.join("out").display());
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
            let path = self.out(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &file.content).unwrap();
        }
        Ok(plan)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.root).ok();
    }
}

const TEST: &str = "shop/v1/shop_test.rs";
const SETUP: &str = "shop/v1/shop_setup.rs";

fn shop(methods: &str, extra: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\n\nmessage Item {{ string sku = 1; }}\n\n\
         service Shop {{\n{methods}}}\n{extra}"
    )
}

const GET_AND_LIST: &str =
    "  rpc GetItem(Item) returns (Item);\n  rpc ListItems(Item) returns (stream Item);\n";

/// The user's work on a fresh generation: a filled row with a comment, a row
/// added, a test of their own, an import, and a setup of their own.
fn edit_like_a_user(project: &Project) {
    project.edit(
        TEST,
        "    let cases = [Case {\n        name: \"TODO\",\n        request: Item::default(),\n        want: Want::Todo,\n    }];\n    let call = |channel, request| async move {\n        let mut client = shop_client::ShopClient::new(channel);\n        client.get_item(request).await",
        "    // Rows written by hand: must survive regeneration.\n    let cases = [\n        Case {\n            name: \"a book\",\n            request: Item { sku: \"b-1\".into() },\n            want: Want::Ok(Item { sku: \"b-1\".into() }),\n        },\n        Case {\n            name: \"unknown\",\n            request: Item::default(),\n            want: Want::Err(not_found()),\n        },\n    ];\n    let call = |channel, request| async move {\n        let mut client = shop_client::ShopClient::new(channel);\n        client.get_item(request).await",
    );
    project.edit(
        TEST,
        "mod setup;\n",
        "mod setup;\n\nuse my_errors::not_found;\n",
    );
    let mut text = project.read(TEST);
    text.push_str(
        "\n/// A test of my own.\n#[test]\nfn my_own_test() {\n    assert_eq!(1 + 1, 2);\n}\n",
    );
    std::fs::write(project.out(TEST), text).unwrap();
    project.edit(
        SETUP,
        "ShopServer::new(TodoShop)",
        "ShopServer::new(MyShop::connect(\"postgres://db\"))",
    );
}

#[test]
fn edits_survive_and_new_methods_get_tests() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    edit_like_a_user(&project);
    let (test_before, setup_before) = (project.read(TEST), project.read(SETUP));

    project.write_proto(&shop(
        &format!("{GET_AND_LIST}  rpc DeleteItem(Item) returns (Item);\n"),
        "",
    ));
    let plan = project.generate().unwrap();

    let test_after = project.read(TEST);
    assert!(
        test_after.starts_with(&test_before),
        "everything the user wrote is kept, byte for byte"
    );
    let added = &test_after[test_before.len()..];
    assert!(added.contains("async fn shop_delete_item()"), "{added}");
    assert!(added.contains("Tests `/shop.v1.Shop/DeleteItem`."));
    assert_eq!(
        added.matches("async fn").count(),
        1,
        "only the new method's test is added"
    );
    // The setup file is the user's: kept byte for byte, except that the
    // stand-in it still holds gains the new method, without which it would
    // not compile (E0046).
    let setup_after = project.read(SETUP);
    let end_of_impl = setup_before.rfind("}\n").unwrap();
    assert_eq!(
        setup_after,
        format!(
            "{}\n{DELETE_ITEM_STAND_IN}{}",
            &setup_before[..end_of_impl],
            &setup_before[end_of_impl..]
        )
    );
    assert_eq!(
        plan.notes,
        [format!(
            "{SETUP}: added delete_item to the stand-in TodoShop for the new methods of shop.v1.Shop, answering \
             UNIMPLEMENTED; if shop builds your own service, implement them there"
        )]
    );
}

const DELETE_ITEM_STAND_IN: &str = "    async fn delete_item(
        &self,
        _request: tonic::Request<Item>,
    ) -> Result<tonic::Response<Item>, tonic::Status> {
        Err(tonic::Status::unimplemented(\"see shop_setup.rs\"))
    }
";

#[test]
fn the_stand_in_gains_new_methods_in_place_and_loses_none() {
    let project = Project::new(&shop("  rpc GetItem(Item) returns (Item);\n", ""));
    project.generate().unwrap();
    // The user's own code inside the stand-in stays where it is.
    project.edit(
        SETUP,
        "        Err(tonic::Status::unimplemented(\"see shop_setup.rs\"))",
        "        // Mine: answers a fixed item.\n        Ok(tonic::Response::new(Item::default()))",
    );
    let before = project.read(SETUP);

    project.write_proto(&shop(
        "  rpc GetItem(Item) returns (Item);\n  rpc WatchItems(Item) returns (stream Item);\n",
        "",
    ));
    let plan = project.generate().unwrap();
    let after = project.read(SETUP);
    let end_of_impl = before.rfind("}\n").unwrap();
    let stream_method = "
    type WatchItemsStream = tonic::Streaming<Item>;

    async fn watch_items(
        &self,
        _request: tonic::Request<Item>,
    ) -> Result<tonic::Response<Self::WatchItemsStream>, tonic::Status> {
        Err(tonic::Status::unimplemented(\"see shop_setup.rs\"))
    }
";
    assert_eq!(
        after,
        format!(
            "{}{stream_method}{}",
            &before[..end_of_impl],
            &before[end_of_impl..]
        )
    );
    assert_eq!(plan.notes.len(), 1, "{:?}", plan.notes);

    // Generating again adds nothing more.
    project.generate().unwrap();
    assert_eq!(project.read(SETUP), after);

    // A method the service lost is the user's to delete: reported, kept.
    project.write_proto(&shop("  rpc WatchItems(Item) returns (stream Item);\n", ""));
    let plan = project.generate().unwrap();
    assert_eq!(project.read(SETUP), after);
    assert!(
        plan.notes.iter().any(|note| note
            == &format!(
                "{SETUP}: the stand-in TodoShop has get_item, which shop.v1.Shop no longer has: delete it \
                 (a method that is not in the trait does not compile)"
            )),
        "{:?}",
        plan.notes
    );
}

#[test]
fn a_setup_without_the_stand_in_is_left_alone() {
    let project = Project::new(&shop("  rpc GetItem(Item) returns (Item);\n", ""));
    project.generate().unwrap();
    let setup = project.read(SETUP);
    let start = setup.find("/// Stands in for").unwrap();
    let mine = format!("{}struct MyShop;\n", &setup[..start])
        .replace("ShopServer::new(TodoShop)", "ShopServer::new(MyShop)");
    std::fs::write(project.out(SETUP), &mine).unwrap();

    project.write_proto(&shop(GET_AND_LIST, ""));
    let plan = project.generate().unwrap();
    assert_eq!(project.read(SETUP), mine);
    assert!(plan.notes.is_empty(), "{:?}", plan.notes);
}

#[test]
fn regenerating_an_unchanged_proto_changes_nothing() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    let fresh = (project.read(TEST), project.read(SETUP));
    project.generate().unwrap();
    assert_eq!((project.read(TEST), project.read(SETUP)), fresh);

    edit_like_a_user(&project);
    let edited = (project.read(TEST), project.read(SETUP));
    project.generate().unwrap();
    assert_eq!((project.read(TEST), project.read(SETUP)), edited);
}

#[test]
fn a_removed_method_is_reported_and_its_test_kept() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    edit_like_a_user(&project);
    let before = project.read(TEST);

    project.write_proto(&shop("  rpc ListItems(Item) returns (stream Item);\n", ""));
    let plan = project.generate().unwrap();
    assert_eq!(
        project.read(TEST),
        before,
        "nothing the user wrote is deleted"
    );
    assert_eq!(
        plan.notes,
        [
            format!(
                "{TEST}: test shop_get_item is for /shop.v1.Shop/GetItem, which shop/v1/shop.proto no longer has; \
                 it is kept: delete it yourself if you no longer need it"
            ),
            format!(
                "{SETUP}: the stand-in TodoShop has get_item, which shop.v1.Shop no longer has: delete it \
                 (a method that is not in the trait does not compile)"
            )
        ]
    );
}

#[test]
fn a_renamed_test_still_counts_for_its_method() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    project.edit(
        TEST,
        "async fn shop_get_item()",
        "async fn getting_items_by_sku()",
    );
    let before = project.read(TEST);
    project.generate().unwrap();
    assert_eq!(
        project.read(TEST),
        before,
        "the doc marker ties the test to its method, not its name"
    );
}

#[test]
fn a_new_service_gets_a_setup_function_appended() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    edit_like_a_user(&project);
    let setup_before = project.read(SETUP);

    project.write_proto(&shop(
        GET_AND_LIST,
        "\nservice Stock {\n  rpc Count(Item) returns (Item);\n}\n",
    ));
    let plan = project.generate().unwrap();
    let setup_after = project.read(SETUP);
    assert!(setup_after.starts_with(&setup_before));
    assert!(setup_after[setup_before.len()..].contains("pub(super) fn stock() -> Router {"));
    assert!(project.read(TEST).contains("async fn stock_count()"));
    assert_eq!(
        plan.notes,
        [format!(
            "{SETUP}: added stock() for the new service shop.v1.Stock, answering UNIMPLEMENTED: build your \
             implementation there"
        )]
    );
}

#[test]
fn a_test_file_that_does_not_parse_is_never_overwritten() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    project.edit(TEST, "want: Want::Todo,", "want: Want::Todo,, oops");
    let broken = project.read(TEST);
    let error = project.generate().unwrap_err();
    assert!(
        error.starts_with(&format!("{TEST}:")),
        "names the file and position: {error}"
    );
    assert!(
        error.contains("never overwrites a file it cannot read"),
        "{error}"
    );
    assert_eq!(project.read(TEST), broken);
}

#[test]
fn without_dir_the_plugin_refuses_rather_than_overwrite() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    let input =
        PluginRequest::compile(&["shop/v1/shop.proto"], &[project.root.join("proto")], "").unwrap();
    let error = input
        .run(|input, options| plan(&model::build(input), options))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("protoc-gen-test needs dir=<the directory given to --test_out>"),
        "{error}"
    );
}

/// Runs the plugin as protoc and buf do (`protoc_gen_test::run`) with `parameter`.
fn run_as_protoc(project: &Project, parameter: &str) -> Result<Vec<String>, String> {
    let input = PluginRequest::compile(
        &["shop/v1/shop.proto"],
        &[project.root.join("proto")],
        parameter,
    )
    .map_err(|d| d.to_string())?;
    let files = input.run(protoc_gen_test::run).map_err(|d| d.to_string())?;
    Ok(files.into_iter().map(|f| f.name).collect())
}

#[test]
fn a_dir_that_does_not_exist_is_refused_not_taken_for_no_tests() {
    let project = Project::new(&shop(GET_AND_LIST, ""));
    project.generate().unwrap();
    edit_like_a_user(&project);

    // A typo: protoc would write fresh files over the filled-in ones in out/.
    let wrong = project.root.join("ouy");
    let error = run_as_protoc(&project, &format!("dir={}", wrong.display())).unwrap_err();
    assert!(
        error.contains(&format!("dir={} does not exist", wrong.display())),
        "{error}"
    );
    assert!(
        error.contains(&format!("mkdir -p {}", wrong.display())),
        "the fix is in the message: {error}"
    );

    // A relative dir= is taken from protoc's working directory; the message says which.
    let error = run_as_protoc(&project, "dir=out/not-here").unwrap_err();
    let cwd = std::env::current_dir().unwrap();
    assert!(error.contains("relative dir="), "{error}");
    assert!(error.contains(&cwd.display().to_string()), "{error}");

    let file = project.root.join("proto/shop/v1/shop.proto");
    let error = run_as_protoc(&project, &format!("dir={}", file.display())).unwrap_err();
    assert!(error.contains("is not a directory"), "{error}");

    // The right directory still merges.
    let names = run_as_protoc(
        &project,
        &format!("dir={}", project.root.join("out").display()),
    );
    assert_eq!(names.unwrap(), [TEST, SETUP]);
}

#[test]
fn files_without_services_get_no_tests() {
    let project =
        Project::new("syntax = \"proto3\";\npackage shop.v1;\nmessage Item { string sku = 1; }\n");
    let plan = project.generate().unwrap();
    assert!(plan.files.is_empty());
    assert!(!Path::new(&project.out(TEST)).exists());
}
