//! The protoc plugin protocol: a `CodeGeneratorRequest` on stdin, a
//! `CodeGeneratorResponse` on stdout, problems in its `error` field.

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use prost::Message;
use prost_types::compiler::CodeGeneratorResponse;
use prost_types::compiler::code_generator_response::{Feature, File};

use crate::options::PluginOptions;
use crate::{Diagnostics, GeneratedFile, Input};

/// Runs a generator as the protoc plugin `O::PLUGIN`: reads the request,
/// parses its parameter into `O` (the only place a plugin's parameter string
/// is read), calls `generate`, writes the response. `--version` and `--help`
/// answer on the terminal instead of waiting for a request on stdin.
pub fn run<O: PluginOptions>(
    version: &str,
    help: &str,
    generate: impl FnOnce(&Input, &O) -> Result<Vec<GeneratedFile>, Diagnostics>,
) -> ExitCode {
    let plugin = O::PLUGIN;
    match std::env::args().nth(1).as_deref() {
        None => {}
        Some("--version" | "-V") => {
            println!("{plugin} {version}");
            return ExitCode::SUCCESS;
        }
        Some("--help" | "-h") => {
            print!("{help}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!(
                "{plugin}: unexpected argument {other}: a protoc plugin reads a CodeGeneratorRequest on stdin \
                 (run it through protoc, buf or protosmith generate); {plugin} --help tells more"
            );
            return ExitCode::from(2);
        }
    }
    let mut request = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut request) {
        eprintln!("{plugin}: cannot read the CodeGeneratorRequest from stdin: {e}");
        return ExitCode::FAILURE;
    }
    let decode = move || {
        let decoded = Input::from_request_in(&request, O::SCOPE);
        // What the plugin reads is decoded: the request's bytes (83 MB for
        // the googleapis corpus) go before the generator's peak.
        drop(request);
        decoded
    };
    let response = answer::<O>(decode, generate, Exit::Soon);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&response).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{plugin}: cannot write the CodeGeneratorResponse to stdout: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The encoded response to one encoded request: the parameter parsed into
/// `O`, then `generate`. Every failure, a panic included, becomes the
/// response's `error`, which protoc and buf print.
pub fn respond<O: PluginOptions>(
    request: &[u8],
    generate: impl FnOnce(&Input, &O) -> Result<Vec<GeneratedFile>, Diagnostics>,
) -> Vec<u8> {
    answer::<O>(
        || Input::from_request_in(request, O::SCOPE),
        generate,
        Exit::Later,
    )
}

/// Whether the process ends once the response is written.
#[derive(PartialEq)]
enum Exit {
    /// The plugin binary: freeing the decoded request, millions of small
    /// allocations for a large one (a fifth of protoc-gen-errors' time on
    /// the googleapis corpus), is left to the operating system.
    Soon,
    /// A library caller, which may answer many requests.
    Later,
}

fn answer<O: PluginOptions>(
    decode: impl FnOnce() -> Result<super::PluginRequest, String>,
    generate: impl FnOnce(&Input, &O) -> Result<Vec<GeneratedFile>, Diagnostics>,
    exit: Exit,
) -> Vec<u8> {
    let plugin = O::PLUGIN;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let request = decode()?;
        let result = request
            .run(generate)
            .map_err(|diagnostics| diagnostics.to_string());
        if exit == Exit::Soon {
            std::mem::forget(request);
        }
        result
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "internal error in {plugin} (a bug, please report it with the input): {what}"
            ))
        }
    };
    response(result).encode_to_vec()
}

/// A response carrying either the files or the error.
pub fn response(result: Result<Vec<GeneratedFile>, String>) -> CodeGeneratorResponse {
    let supported_features = Some(Feature::Proto3Optional as u64);
    match result {
        Ok(files) => CodeGeneratorResponse {
            supported_features,
            file: files
                .into_iter()
                .map(|f| File {
                    name: Some(f.name),
                    content: Some(f.content),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        },
        Err(error) => CodeGeneratorResponse {
            error: Some(error),
            supported_features,
            ..Default::default()
        },
    }
}
