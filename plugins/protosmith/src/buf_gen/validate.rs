//! Layer 2 of reading buf.gen.yaml: the strict mirror turned into a
//! [`GenTemplate`], with buf's rules and defaults (exactly one of
//! `local`/`remote`/`protoc_builtin`, `out` required, strategy `directory`,
//! `include_wkt` only with `include_imports`).
//!
//! What buf can do and protosmith cannot (managed mode, `inputs`, remote
//! plugins, `types`, an archive as `out`) is refused here with the line it
//! was written on and what to do instead: a setting silently ignored would
//! make `protosmith generate` write other files than `buf generate`.

use std::path::PathBuf;

use super::raw::{Errors, RawPlugin, RawTemplate, did_you_mean};
use super::{GenTemplate, PluginEntry, PluginSource, Strategy};

pub(super) fn validate(
    raw: RawTemplate,
    dir: PathBuf,
    errors: &mut Errors<'_>,
) -> Option<GenTemplate> {
    if let Some(managed) = &raw.managed {
        if let Some(enabled) = managed.enabled.as_ref().filter(|e| e.value) {
            errors.at(
                enabled.pos,
                "managed mode is not supported by protosmith: set the file options \
                 (go_package, java_package, ...) in the .proto files, or pass them as plugin \
                 options (e.g. opt: Mfoo/v1/foo.proto=example.com/foo/v1 for protoc-gen-go); \
                 `managed: {enabled: false}` or no managed section is accepted",
            );
        }
        for (key, rules) in [
            ("disable", &managed.disable),
            ("override", &managed.r#override),
        ] {
            if let Some(rules) = rules.as_ref().filter(|r| !r.value.is_empty()) {
                errors.at(
                    rules.pos,
                    format!(
                        "managed.{key} is not supported by protosmith (it has no managed mode); \
                         remove it"
                    ),
                );
            }
        }
    }
    if let Some(inputs) = raw.inputs.as_ref().filter(|i| !i.value.is_empty()) {
        errors.at(
            inputs.pos,
            "inputs are not supported by protosmith: it compiles the .proto files under \
             --proto (default proto) with protox; remove inputs and pass --proto DIR",
        );
    }
    let Some(plugins) = raw.plugins else {
        errors.at(
            raw.version.map(|v| v.pos).unwrap_or_default(),
            "no plugins: list at least one under `plugins:`",
        );
        return None;
    };
    if plugins.value.is_empty() {
        errors.at(
            plugins.pos,
            "no plugins: list at least one under `plugins:`",
        );
    }
    let entries: Vec<_> = plugins
        .value
        .into_iter()
        .enumerate()
        .filter_map(|(i, plugin)| validate_plugin(plugin, i, errors))
        .collect();
    Some(GenTemplate {
        dir,
        plugins: entries,
        clean: raw.clean.is_some_and(|c| c.value),
    })
}

/// `buf.build/protocolbuffers/go:v1.36.0` -> `protoc-gen-go`, the usual local name.
fn local_name_for_remote(remote: &str) -> String {
    let name = remote.rsplit('/').next().unwrap_or(remote);
    let name = name.split(':').next().unwrap_or(name);
    format!("protoc-gen-{name}")
}

fn validate_plugin(raw: RawPlugin, index: usize, errors: &mut Errors<'_>) -> Option<PluginEntry> {
    let context = format!("plugins[{index}]");
    let before = errors.messages.len();
    let given: Vec<&str> = [
        ("local", raw.local.is_some()),
        ("remote", raw.remote.is_some()),
        ("protoc_builtin", raw.protoc_builtin.is_some()),
    ]
    .into_iter()
    .filter_map(|(key, set)| set.then_some(key))
    .collect();
    if given.len() > 1 {
        errors.at(
            raw.pos,
            format!(
                "{context} gives {}: exactly one of local, remote or protoc_builtin is allowed",
                given.join(" and ")
            ),
        );
        return None;
    }
    let source = if let Some(local) = raw.local {
        if local.value.is_empty() || local.value[0].is_empty() {
            errors.at(
                local.pos,
                format!("{context}.local needs the plugin program"),
            );
        }
        let name = local.value.first().cloned().unwrap_or_default();
        if let Some(revision) = &raw.revision {
            errors.at(
                revision.pos,
                format!("cannot specify revision for local plugin {name}: revision is for remote plugins"),
            );
        }
        if let Some(path) = &raw.protoc_path {
            errors.at(
                path.pos,
                format!("cannot specify protoc_path for local plugin {name}: protoc_path is for protoc_builtin"),
            );
        }
        PluginSource::Local(local.value)
    } else if let Some(remote) = raw.remote {
        errors.at(
            remote.pos,
            format!(
                "remote plugin {}: remote plugins run on buf's registry (buf.build), which \
                 protosmith does not reach; install the plugin and use a local plugin \
                 instead (e.g. local: {})",
                remote.value,
                local_name_for_remote(&remote.value)
            ),
        );
        return None;
    } else if let Some(builtin) = raw.protoc_builtin {
        let name = builtin
            .value
            .strip_prefix("protoc-gen-")
            .unwrap_or(&builtin.value);
        if name.is_empty() {
            errors.at(
                builtin.pos,
                format!("{context}.protoc_builtin needs a name, e.g. java"),
            );
        }
        if let Some(revision) = &raw.revision {
            errors.at(
                revision.pos,
                format!("cannot specify revision for protoc built-in plugin {name}"),
            );
        }
        let protoc_path = match raw.protoc_path {
            None => None,
            Some(path) if path.value.len() == 1 => path.value.into_iter().next(),
            Some(path) => {
                errors.at(
                    path.pos,
                    format!(
                        "{context}.protoc_path must be one path: extra protoc arguments are not supported by protosmith"
                    ),
                );
                None
            }
        };
        PluginSource::ProtocBuiltin {
            name: name.to_owned(),
            protoc_path,
        }
    } else {
        errors.at(
            raw.pos,
            format!("{context} must give one of local, remote or protoc_builtin"),
        );
        return None;
    };
    let out = match raw.out {
        Some(out) if [".zip", ".jar"].iter().any(|ext| out.value.ends_with(ext)) => {
            errors.at(
                out.pos,
                format!(
                    "{context}.out is an archive ({}): protosmith writes to folders only; name a folder",
                    out.value
                ),
            );
            PathBuf::new()
        }
        Some(out) if !out.value.is_empty() => PathBuf::from(out.value),
        Some(out) => {
            errors.at(out.pos, format!("{context}.out must not be empty"));
            PathBuf::new()
        }
        None => {
            errors.at(
                raw.pos,
                format!("{context} has no out: it is required (the output folder)"),
            );
            PathBuf::new()
        }
    };
    let strategy = match raw.strategy {
        None => Strategy::Directory,
        Some(s) => match s.value.as_str() {
            "directory" => Strategy::Directory,
            "all" => Strategy::All,
            other => {
                let hint = did_you_mean(other, &["directory", "all"])
                    .map(|s| format!(": did you mean {s}?"))
                    .unwrap_or_else(|| ": expected directory or all".to_owned());
                errors.at(s.pos, format!("unknown strategy \"{other}\"{hint}"));
                Strategy::Directory
            }
        },
    };
    let include_imports = raw.include_imports.is_some_and(|b| b.value);
    let include_wkt = match raw.include_wkt {
        Some(wkt) if wkt.value && !include_imports => {
            errors.at(
                wkt.pos,
                "include_wkt needs include_imports: true (buf: cannot include well-known types without including imports)",
            );
            true
        }
        wkt => wkt.is_some_and(|b| b.value),
    };
    for (key, types) in [("types", &raw.types), ("exclude_types", &raw.exclude_types)] {
        if let Some(types) = types.as_ref().filter(|t| !t.value.is_empty()) {
            errors.at(
                types.pos,
                format!("{context}.{key} is not supported by protosmith: remove it (every type of each file is generated)"),
            );
        }
    }
    if errors.messages.len() > before {
        return None;
    }
    Some(PluginEntry {
        source,
        out,
        opt: raw.opt.map(|o| o.value).unwrap_or_default(),
        strategy,
        include_imports,
        include_wkt,
        location: format!("{}:{}", errors.file, raw.pos),
    })
}
