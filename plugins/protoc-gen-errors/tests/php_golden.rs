//! Golden files of the PHP output. For the example module they are
//! gen/errors/php (what the main job writes) and its copy in
//! tests/interop/php/gen (specified in runtime/php/GENERATED.md), which the
//! PHP runtime's tests and the interop client load and run: the emitter must
//! reproduce both byte for byte. For
//! the hostile fixture they are tests/fixtures/php/golden, so that a change
//! to an escape or a name is a reviewable diff.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test php_golden`
//! rewrites them instead (both copies); review the diff.

mod php_support;

use php_support::{example, fixtures, generate, hostile, repo_root};

#[test]
fn example_module_matches_gen_and_the_interop_php() {
    let generated = generate(&example());
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Acme/Order/V1/OrderErrorErrors.php",
            "Acme/Order/V1/PaymentErrorErrors.php",
            "Acme/User/V1/UserErrorErrors.php",
        ]
    );
    protosmith_core::golden::assert_matches(&repo_root().join("gen/errors/php"), &generated);
    protosmith_core::golden::assert_matches(&repo_root().join("tests/interop/php/gen"), &generated);
}

#[test]
fn hostile_fixture_matches_its_golden_files() {
    let generated = generate(&hostile());
    let names: Vec<&str> = generated.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Hostile/PBList/V1/HTTPErrorErrors.php",
            "Hostile/PBList/V1/EmptyErrorErrors.php",
            "GlobalErrors.php",
            "Hostile/Custom/Ns/XyOuterInnerKindErrors.php",
        ]
    );
    protosmith_core::golden::assert_matches(&fixtures().join("golden"), &generated);
    let all = generated
        .iter()
        .map(|f| f.content.as_str())
        .collect::<String>();
    for invisible in [
        '\u{202E}', '\u{202C}', '\u{1}', '\u{7}', '\u{7F}', '\t', '\r',
    ] {
        assert!(
            !all.contains(invisible),
            "{invisible:?} reached the PHP source"
        );
    }
}

#[test]
fn php_output_is_deterministic_byte_for_byte() {
    for request in [example(), hostile()] {
        let first = generate(&request);
        for _ in 0..3 {
            assert_eq!(generate(&request), first);
        }
    }
}
