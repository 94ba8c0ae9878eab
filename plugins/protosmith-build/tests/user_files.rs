//! Nothing a user wrote is lost when protosmith-build shares its output
//! directory with them (`.out_dir("src")`): their files are never deleted or
//! overwritten, a file of theirs in the way stops the generation before
//! anything is written, and only what protosmith-build wrote is cleaned up.

use std::path::{Path, PathBuf};

use protosmith_build::{Error, MANIFEST, configure};

fn proto_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto")
}

/// A crate whose generated code is checked into src/, next to the user's.
struct Crate {
    dir: tempfile::TempDir,
}

impl Crate {
    fn new() -> Crate {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::create_dir_all(dir.path().join("proto")).unwrap();
        Crate { dir }
    }

    fn src(&self) -> PathBuf {
        self.dir.path().join("src")
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(path)).ok()
    }

    fn exists(&self, path: &str) -> bool {
        self.dir.path().join(path).exists()
    }

    /// Generates `protos` (under proto/) into src/, as a build.rs with `.out_dir("src")`.
    fn generate(&self, protos: &[&str], errors: bool) -> Result<(), Error> {
        configure()
            .protox()
            .errors(errors)
            .emit_rerun_if_changed(false)
            .out_dir(self.src())
            .compile(protos, &[self.dir.path().join("proto")])
    }
}

const MINE: &str = "// My own module, not generated.\npub fn mine() {}\n";

fn shop(package: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage {package};\n\nmessage Item {{ string sku = 1; }}\n\n\
         enum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_MISSING = 1;\n}}\n"
    )
}

#[test]
fn files_of_the_user_in_the_errors_folder_survive_with_errors_on_or_off() {
    let krate = Crate::new();
    krate.write("proto/shop.proto", &shop("shop.v1"));
    krate.write("src/errors/mine.rs", MINE);
    krate.write("src/main.rs", "fn main() {}\n");

    // Was: `remove_dir_all(src/errors)` on every run, even with errors(false).
    krate.generate(&["shop.proto"], false).unwrap();
    assert_eq!(krate.read("src/errors/mine.rs").as_deref(), Some(MINE));
    krate.generate(&["shop.proto"], true).unwrap();
    assert_eq!(krate.read("src/errors/mine.rs").as_deref(), Some(MINE));
    assert!(krate.exists("src/errors/shop.errors.rs"));
    assert!(krate.exists("src/shop.v1.rs"));

    // Switching errors off again removes the registry protosmith-build wrote, and only that.
    krate.generate(&["shop.proto"], false).unwrap();
    assert!(!krate.exists("src/errors/shop.errors.rs"));
    assert_eq!(krate.read("src/errors/mine.rs").as_deref(), Some(MINE));
    assert_eq!(krate.read("src/main.rs").as_deref(), Some("fn main() {}\n"));
}

#[test]
fn a_user_file_where_a_generated_one_goes_is_refused_and_nothing_is_written() {
    let krate = Crate::new();
    // prost writes package `lib` to lib.rs: the crate root.
    krate.write("proto/lib.proto", &shop("lib"));
    krate.write("src/lib.rs", MINE);

    let error = krate.generate(&["lib.proto"], true).unwrap_err();
    let Error::Foreign(blocked) = &error else {
        panic!("expected Error::Foreign, got {error:?}");
    };
    assert_eq!(blocked.len(), 1, "{error}");
    assert_eq!(blocked[0].path, krate.src().join("lib.rs"));
    let message = error.to_string();
    assert!(
        message.contains("lib.rs: would be overwritten with prost's code for proto package `lib`"),
        "{message}"
    );
    assert!(message.contains("nothing was written"), "{message}");

    assert_eq!(krate.read("src/lib.rs").as_deref(), Some(MINE));
    let left: Vec<_> = std::fs::read_dir(krate.src())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["lib.rs"], "nothing else was written");
}

#[test]
fn every_file_in_the_way_is_named_at_once() {
    let krate = Crate::new();
    krate.write("proto/shop.proto", &shop("shop.v1"));
    krate.write("src/shop.v1.rs", MINE);
    krate.write("src/errors/shop.errors.rs", MINE);
    krate.write("src/protosmith.rs", MINE);
    let message = krate
        .generate(&["shop.proto"], true)
        .unwrap_err()
        .to_string();
    for name in ["shop.v1.rs", "errors/shop.errors.rs", "protosmith.rs"] {
        assert!(message.contains(name), "{name}: {message}");
    }
    assert_eq!(krate.read("src/protosmith.rs").as_deref(), Some(MINE));
}

#[test]
fn a_generated_file_the_user_edited_is_not_overwritten() {
    let krate = Crate::new();
    krate.write("proto/shop.proto", &shop("shop.v1"));
    krate.generate(&["shop.proto"], true).unwrap();
    let generated = krate.read("src/shop.v1.rs").unwrap();
    // Taken over by the user: the @generated line is gone.
    let edited = generated.replacen("// This file is @generated by prost-build.\n", "", 1);
    assert_ne!(edited, generated);
    krate.write("src/shop.v1.rs", &edited);

    let message = krate
        .generate(&["shop.proto"], true)
        .unwrap_err()
        .to_string();
    assert!(message.contains("shop.v1.rs"), "{message}");
    assert_eq!(krate.read("src/shop.v1.rs").unwrap(), edited);
}

#[test]
fn only_files_protosmith_build_wrote_are_cleaned_up() {
    let krate = Crate::new();
    krate.write("proto/a.proto", &shop("a"));
    krate.write("proto/b.proto", &shop("b"));
    krate.generate(&["a.proto", "b.proto"], true).unwrap();
    let manifest = krate.read(&format!("src/{MANIFEST}")).unwrap();
    assert!(
        manifest.starts_with("# @generated by protosmith-build."),
        "{manifest}"
    );
    assert!(manifest.contains("\nb.rs\n"), "{manifest}");
    assert!(krate.exists("src/errors/b.errors.rs"));

    // b.proto goes: its files go with it; a user file not in the manifest stays.
    krate.write("src/errors/notes.rs", MINE);
    krate.generate(&["a.proto"], true).unwrap();
    assert!(!krate.exists("src/b.rs"));
    assert!(!krate.exists("src/errors/b.errors.rs"));
    assert!(krate.exists("src/a.rs") && krate.exists("src/errors/a.errors.rs"));
    assert_eq!(krate.read("src/errors/notes.rs").as_deref(), Some(MINE));
    let manifest = krate.read(&format!("src/{MANIFEST}")).unwrap();
    assert!(!manifest.contains("b.rs"), "{manifest}");
}

#[test]
fn a_stale_file_the_user_edited_is_kept_with_a_note() {
    let krate = Crate::new();
    krate.write("proto/a.proto", &shop("a"));
    krate.write("proto/b.proto", &shop("b"));
    let out = krate.src();
    let generate = |protos: &[&str]| {
        configure()
            .protox()
            .generate(protos, &[krate.dir.path().join("proto")], &out)
            .unwrap()
    };
    generate(&["a.proto", "b.proto"]);
    krate.write("src/b.rs", MINE);

    let generated = generate(&["a.proto"]);
    assert_eq!(krate.read("src/b.rs").as_deref(), Some(MINE));
    assert_eq!(generated.notes.len(), 1, "{:?}", generated.notes);
    assert!(
        generated.notes[0].contains("b.rs is no longer generated, but it was changed"),
        "{:?}",
        generated.notes
    );
}

#[test]
fn a_manifest_never_leads_outside_the_output_directory() {
    let krate = Crate::new();
    krate.write("proto/a.proto", &shop("a"));
    // Generated-looking files the user keeps outside src/ and a manifest naming them.
    let generated_looking = "// This file is @generated by prost-build.\n";
    krate.write("outside.rs", generated_looking);
    krate.write("src/sub/inner.rs", generated_looking);
    krate.write(
        &format!("src/{MANIFEST}"),
        "# @generated by protosmith-build. DO NOT EDIT.\n../outside.rs\n/etc/passwd\nsub/../../outside.rs\n",
    );
    krate.generate(&["a.proto"], true).unwrap();
    assert!(krate.exists("outside.rs"));
    assert!(
        krate.exists("src/sub/inner.rs"),
        "not in the manifest: kept"
    );
}

#[test]
fn writes_leave_no_temporary_files_and_unchanged_files_untouched() {
    let krate = Crate::new();
    krate.write("proto/a.proto", &shop("a"));
    krate.generate(&["a.proto"], true).unwrap();
    let modified = |path: &str| {
        std::fs::metadata(krate.dir.path().join(path))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = modified("src/a.rs");
    std::thread::sleep(std::time::Duration::from_millis(20));
    krate.generate(&["a.proto"], true).unwrap();
    assert_eq!(
        modified("src/a.rs"),
        before,
        "an unchanged file keeps its time, so cargo does not rebuild"
    );
    let mut names = Vec::new();
    let mut pending = vec![krate.src()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                names.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    assert_eq!(names, [MANIFEST, "a.errors.rs", "a.rs", "protosmith.rs"]);
}

#[test]
fn the_example_module_regenerates_in_place() {
    let out = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        configure()
            .protox()
            .emit_rerun_if_changed(false)
            .out_dir(out.path())
            .compile(
                &["acme/user/v1/user.proto", "acme/user/v1/errors.proto"],
                &[proto_root()],
            )
            .unwrap();
    }
    assert!(
        out.path()
            .join("errors/acme/user/v1/errors.errors.rs")
            .is_file()
    );
}
