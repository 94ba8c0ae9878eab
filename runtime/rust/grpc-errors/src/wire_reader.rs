//! Reading protobuf fields from a byte slice without copying: the little
//! of the protobuf wire format the details of a status need.
//!
//! Lenient where protobuf-go is (a known field with an unexpected wire type
//! is an unknown field, skipped; groups are skipped), strict where every
//! implementation is (truncated input, a length beyond the input, an
//! overlong varint, field number 0, wire types 6 and 7). Nothing recurses,
//! so no input can exhaust the stack.

/// The bytes are not a protobuf message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// A field's value, borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    /// Wire type 0.
    Varint(u64),
    /// Wire type 2: a string, bytes, or an embedded message.
    Bytes(&'a [u8]),
    /// Fixed-width values and groups, which no field read here uses.
    Skipped,
}

/// The fields of a message in order; after a [`Malformed`] the iterator ends.
pub(crate) struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Fields { rest: bytes }
    }

    fn field(&mut self) -> Result<(u32, Value<'a>), Malformed> {
        let (number, wire_type) = key(&mut self.rest)?;
        let value = match wire_type {
            0 => Value::Varint(varint(&mut self.rest)?),
            2 => {
                let len = usize::try_from(varint(&mut self.rest)?).map_err(|_| Malformed)?;
                Value::Bytes(take(&mut self.rest, len)?)
            }
            3 => {
                skip_group(&mut self.rest)?;
                Value::Skipped
            }
            1 => {
                take(&mut self.rest, 8)?;
                Value::Skipped
            }
            5 => {
                take(&mut self.rest, 4)?;
                Value::Skipped
            }
            // An end-group without its start, or wire types 6 and 7.
            _ => return Err(Malformed),
        };
        Ok((number, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u32, Value<'a>), Malformed>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let field = self.field();
        if field.is_err() {
            self.rest = &[];
        }
        Some(field)
    }
}

fn key(rest: &mut &[u8]) -> Result<(u32, u8), Malformed> {
    let key = u32::try_from(varint(rest)?).map_err(|_| Malformed)?;
    let number = key >> 3;
    if number == 0 {
        return Err(Malformed);
    }
    Ok((number, (key & 7) as u8))
}

fn varint(rest: &mut &[u8]) -> Result<u64, Malformed> {
    // Keys and lengths below 128, nearly all of them here, are one byte.
    if let Some((&byte, after)) = rest.split_first() {
        if byte < 0x80 {
            *rest = after;
            return Ok(u64::from(byte));
        }
    }
    let mut value = 0_u64;
    for (index, &byte) in rest.iter().enumerate().take(10) {
        // The tenth byte holds the 64th bit only.
        if index == 9 && byte > 1 {
            return Err(Malformed);
        }
        value |= u64::from(byte & 0x7f) << (7 * index);
        if byte < 0x80 {
            *rest = &rest[index + 1..];
            return Ok(value);
        }
    }
    Err(Malformed)
}

fn take<'a>(rest: &mut &'a [u8], len: usize) -> Result<&'a [u8], Malformed> {
    if len > rest.len() {
        return Err(Malformed);
    }
    let (taken, after) = rest.split_at(len);
    *rest = after;
    Ok(taken)
}

/// Skips to the end-group that closes the group just started, counting
/// nested groups instead of recursing.
fn skip_group(rest: &mut &[u8]) -> Result<(), Malformed> {
    let mut depth = 1_usize;
    while depth > 0 {
        let (_, wire_type) = key(rest)?;
        match wire_type {
            0 => {
                varint(rest)?;
            }
            1 => {
                take(rest, 8)?;
            }
            2 => {
                let len = usize::try_from(varint(rest)?).map_err(|_| Malformed)?;
                take(rest, len)?;
            }
            3 => depth += 1,
            4 => depth -= 1,
            5 => {
                take(rest, 4)?;
            }
            _ => return Err(Malformed),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Fields, Malformed, Value};

    fn fields(bytes: &[u8]) -> Vec<Result<(u32, Value<'_>), Malformed>> {
        Fields::new(bytes).collect()
    }

    #[test]
    fn reads_each_wire_type() {
        let bytes = [
            0x08, 0x96, 0x01, // 1: varint 150
            0x12, 0x02, b'h', b'i', // 2: "hi"
            0x19, 0, 0, 0, 0, 0, 0, 0, 0, // 3: fixed64
            0x25, 0, 0, 0, 0, // 4: fixed32
            0x2b, 0x08, 0x01, 0x33, 0x34, 0x2c, // 5: group holding a nested group
            0x30, 0x01, // 6: varint 1
        ];
        assert_eq!(
            fields(&bytes),
            [
                Ok((1, Value::Varint(150))),
                Ok((2, Value::Bytes(b"hi"))),
                Ok((3, Value::Skipped)),
                Ok((4, Value::Skipped)),
                Ok((5, Value::Skipped)),
                Ok((6, Value::Varint(1))),
            ]
        );
    }

    #[test]
    fn malformed_input_ends_with_one_error() {
        for bytes in [
            &[0x12, 0x05, b'a'][..], // length beyond the input
            &[0x08],                 // truncated varint
            &[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ], // 11-byte varint
            &[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
            ], // beyond 64 bits
            &[0x00, 0x01],           // field number 0
            &[0x0e],                 // wire type 6
            &[0x0c],                 // end-group without start
            &[0x0b, 0x08, 0x01],     // group never closed
            &[0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], // huge length
        ] {
            let read = fields(bytes);
            assert_eq!(read.last(), Some(&Err(Malformed)), "{bytes:02x?}");
            assert_eq!(
                read.iter().filter(|f| f.is_err()).count(),
                1,
                "{bytes:02x?}"
            );
        }
    }

    #[test]
    fn deep_groups_do_not_recurse() {
        let mut bytes = vec![0x0b; 1_000_000];
        bytes.extend(vec![0x0c; 1_000_000]);
        assert_eq!(fields(&bytes), [Ok((1, Value::Skipped))]);
    }
}
