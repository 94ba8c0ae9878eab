//! Target-language helpers shared by the generators that write that
//! language: identifier rules, keyword escaping, doc comments, formatting.
//! One module per language, each with the same shape; the model and the
//! catalog know no target language.

pub mod go;
pub mod java;
pub mod php;
pub mod python;
pub mod rust;
pub mod text;
pub mod ts;
