//! A zip archive writer, enough for Go module zips and composer artifacts:
//! stored entries (no compression: both tools read them, and the files are
//! small text), sorted names, a fixed timestamp, so the same files give the
//! same bytes and the same `go.sum` hash. No crate in the lock file writes
//! zips, and this is the whole format those readers need (APPNOTE 6.3:
//! local headers, central directory, end record; no zip64, so each archive
//! stays under 4 GiB and 65535 entries, which is checked).

/// `entries`: `(name, content)`, written in the order given.
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    if entries.len() > usize::from(u16::MAX) {
        return Err(format!("{} files are too many for one zip", entries.len()));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content) in entries {
        let offset = u32_of(out.len(), name)?;
        let size = u32_of(content.len(), name)?;
        let name_len =
            u16::try_from(name.len()).map_err(|_| format!("file name too long: {name}"))?;
        let crc = crc32(content);
        // Version 2.0, general purpose flag 0x800: names are UTF-8.
        let common = |buf: &mut Vec<u8>| {
            put16(buf, 20);
            put16(buf, 0x0800);
            put16(buf, 0); // stored
            put16(buf, 0); // 00:00:00
            put16(buf, (1 << 5) | 1); // 1980-01-01, the format's first day
            put32(buf, crc);
            put32(buf, size);
            put32(buf, size);
            put16(buf, name_len);
            put16(buf, 0); // extra field length
        };
        put32(&mut out, 0x0403_4b50);
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(content);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 0x0314); // made by: Unix, 2.0
        common(&mut central);
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100_644 << 16); // external: a regular file, rw-r--r--
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32_of(out.len(), "the central directory")?;
    let central_size = u32_of(central.len(), "the central directory")?;
    out.extend_from_slice(&central);
    let count = entries.len() as u16;
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    Ok(out)
}

fn u32_of(n: usize, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what}: larger than a zip without zip64 holds (4 GiB)"))
}

fn put16(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, reflected), as zip uses it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn unzip_reads_it_back() {
        let Ok(status) = std::process::Command::new("unzip").arg("-v").output() else {
            return; // no unzip here; the package tests read the zips with go and composer
        };
        assert!(status.status.success());
        let dir = tempfile::tempdir().unwrap();
        let zip = write(&[
            ("m@v1.0.0/go.mod".to_owned(), b"module m\n".to_vec()),
            ("m@v1.0.0/a/b.go".to_owned(), b"package a\n".to_vec()),
        ])
        .unwrap();
        let path = dir.path().join("t.zip");
        std::fs::write(&path, zip).unwrap();
        let out = std::process::Command::new("unzip")
            .args(["-q", "-d"])
            .arg(dir.path().join("x"))
            .arg(&path)
            .status()
            .unwrap();
        assert!(out.success());
        let read = std::fs::read_to_string(dir.path().join("x/m@v1.0.0/a/b.go")).unwrap();
        assert_eq!(read, "package a\n");
    }
}
