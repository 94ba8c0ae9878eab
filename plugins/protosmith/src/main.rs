//! `protosmith`: the command line. Each verb is a module with its flags and
//! its `run`; this file only dispatches.
//!
//! It is also every protoc plugin: run under the name `protoc-gen-errors`,
//! `protoc-gen-test` or `protoc-gen-docs` (a link `protosmith link-plugins`
//! makes), it is that plugin, so one `cargo install` brings them all.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// One module per verb.
mod affected;
mod breaking;
mod generate;
mod init;
mod link_plugins;
mod package;
mod publish;
mod publish_docs;
mod runtime_crate;
mod versions;

// What the verbs share: buf.gen.yaml, and running other programs' plugins.
mod buf_gen;
mod external_plugin;

/// protoc plugins and a code-generation pipeline for gRPC error registries,
/// tests and documentation.
#[derive(Debug, Parser)]
#[command(name = "protosmith", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Generate(generate::Args),
    Breaking(breaking::Args),
    Affected(affected::Args),
    Init(init::Args),
    LinkPlugins(link_plugins::Args),
    /// Write a proto module as a crate for a private cargo registry (`protosmith package --help`).
    #[command(disable_help_flag = true)]
    Package {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Publish a crate written by `protosmith package` (`protosmith publish --help`).
    #[command(disable_help_flag = true)]
    Publish {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    PublishDocs(publish_docs::Args),
}

fn main() -> ExitCode {
    if let Some(code) = link_plugins::run_as_plugin() {
        return code;
    }
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Generate(args) => generate::run(args),
        Command::Breaking(args) => breaking::run(args),
        Command::Affected(args) => affected::run(args),
        Command::Init(args) => init::run(args),
        Command::LinkPlugins(args) => link_plugins::run(args),
        Command::Package { args } => verb(&args, package::USAGE, package::run),
        Command::Publish { args } => verb(&args, publish::USAGE, publish::run),
        Command::PublishDocs(args) => publish_docs::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("protosmith: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a verb that reads its own flags, answering `-h`/`--help` with its usage.
fn verb(
    args: &[String],
    usage: &str,
    run: fn(&[String]) -> Result<(), String>,
) -> Result<ExitCode, String> {
    // With --lang go|java|..., the language's own flags answer --help.
    if args.iter().any(|arg| arg == "-h" || arg == "--help")
        && package::lang::requested(args).is_none()
    {
        // A closed pipe (`| head`) is not an error worth a panic.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), usage.as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    run(args).map(|()| ExitCode::SUCCESS)
}
