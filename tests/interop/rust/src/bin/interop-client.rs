//! The Rust client of the interop matrix: `interop-client ADDR CASES_JSON`
//! runs every case against the server at ADDR and checks the decoded error
//! as tests/interop/README.md says; exits 0 only when every case passed.

use std::process::ExitCode;

use grpc_errors::{Code, Error, LocalizedMessage};
use protosmith_interop::protosmith::interop::v1::interop_client::InteropClient;
use protosmith_interop::{definition, strings};
use serde_json::Value;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [address, cases] = args.as_slice() else {
        eprintln!("usage: interop-client ADDR CASES_JSON");
        return ExitCode::from(2);
    };
    let cases: Value = match std::fs::read_to_string(cases)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(cases) => cases,
        Err(e) => {
            eprintln!("interop-client: cannot read {cases}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut client = match InteropClient::connect(format!("http://{address}")).await {
        Ok(client) => client,
        Err(e) => {
            eprintln!("interop-client: cannot connect to {address}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for case in cases["cases"].as_array().into_iter().flatten() {
        let name = case["name"].as_str().unwrap_or("?");
        match run(&mut client, case).await {
            Ok(()) => {
                passed += 1;
                println!("ok   {name}");
            }
            Err(why) => {
                failed += 1;
                println!("FAIL {name}: {why}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn run(
    client: &mut InteropClient<tonic::transport::Channel>,
    case: &Value,
) -> Result<(), String> {
    let mut request = tonic::Request::new(case["raise"].to_string());
    if let Some(languages) = case["accept_language"].as_str() {
        let value = languages
            .parse()
            .map_err(|_| "accept_language is not ASCII")?;
        request.metadata_mut().insert("accept-language", value);
    }
    let status = match client.raise(request).await {
        Ok(_) => return Err("the call succeeded; an error was expected".into()),
        Err(status) => status,
    };
    let got = grpc_errors::from_status(&status);
    check(&got, &case["want"])
}

fn check(got: &Error, want: &Value) -> Result<(), String> {
    let mut differences = Vec::new();
    let mut differ = |what: &str, want: String, got: String| {
        if want != got {
            differences.push(format!("{what} (want {want:?}, got {got:?})"));
        }
    };
    differ(
        "code",
        want["code"].to_string(),
        (got.code() as i32).to_string(),
    );
    differ(
        "http",
        want["http"].to_string(),
        got.http_status().to_string(),
    );
    let text = |key: &str| want[key].as_str().unwrap_or_default().to_owned();
    differ("reason", text("reason"), got.reason().to_owned());
    differ("domain", text("domain"), got.domain().to_owned());
    differ("message", text("message"), got.message().to_owned());
    differ(
        "metadata",
        format!("{:?}", strings(&want["metadata"])),
        format!("{:?}", got.metadata()),
    );
    let localized = want.get("localized").map(|l| LocalizedMessage {
        locale: l["locale"].as_str().unwrap_or_default().to_owned(),
        message: l["message"].as_str().unwrap_or_default().to_owned(),
    });
    differ(
        "localized",
        format!("{localized:?}"),
        format!("{:?}", got.localized()),
    );
    if let Some(is) = is_problem(got, want) {
        differences.push(is);
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(differences.join("; "))
    }
}

/// What is wrong with `is`, if anything (the README's rules).
fn is_problem(got: &Error, want: &Value) -> Option<String> {
    let reason = want["reason"].as_str().unwrap_or_default();
    if want["registered"].as_bool() == Some(true) {
        let Some(def) = definition(reason) else {
            return Some(format!("{reason} is not in this client's registry"));
        };
        if !got.is(&def.to_error()) {
            return Some(format!("is({reason}) is false"));
        }
        let other = if reason == "acme.user.v1.USER_ERROR_EMAIL_TAKEN" {
            "acme.user.v1.USER_ERROR_NOT_FOUND"
        } else {
            "acme.user.v1.USER_ERROR_EMAIL_TAKEN"
        };
        let other = definition(other).expect("the example module has both");
        if got.is(&other.to_error()) {
            return Some(format!("is({}) is true", other.reason));
        }
        return None;
    }
    let domain = want["domain"].as_str().unwrap_or_default().to_owned();
    let same = Error::new(Code::Unknown, reason.to_owned(), "").with_domain(domain.clone());
    let elsewhere =
        Error::new(Code::Unknown, reason.to_owned(), "").with_domain(format!("elsewhere.{domain}"));
    if reason.is_empty() {
        return got
            .is(&same)
            .then(|| "an error without a reason is another reason-less error".to_owned());
    }
    if !got.is(&same) {
        return Some("is(same reason and domain) is false".to_owned());
    }
    if got.is(&elsewhere) {
        return Some("is(same reason, other domain) is true".to_owned());
    }
    None
}
