//! The YAML of a buf.gen.yaml as a tree of [`Node`]s that keep the line and
//! column each value (and each mapping key) was written at.
//!
//! yaml-rust2's own `Yaml` values forget where they came from, and every
//! message about buf.gen.yaml names its place (`buf.gen.yaml:7:5: ...`), so
//! the tree is built here from the parser's marked events. Anchors and
//! aliases are resolved while reading; mapping keys stay in the order
//! written, so problems are reported in file order.

use std::collections::HashMap;
use std::fmt;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A line and column, both from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Pos {
    line: usize,
    col: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl From<Marker> for Pos {
    fn from(mark: Marker) -> Pos {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Pos {
            line: mark.line(),
            col: mark.col() + 1,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub(super) pos: Pos,
    pub(super) value: Value,
}

#[derive(Clone, Debug)]
pub(super) enum Value {
    /// `plain` is false for quoted and block scalars (`"true"` is a string).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in the order written, each with its position.
    Map(Vec<(String, Pos, Node)>),
}

impl Node {
    pub(super) fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub(super) fn kind(&self) -> &'static str {
        match &self.value {
            _ if self.is_null() => "nothing",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Builds [`Node`]s from the parser's events.
#[derive(Default)]
struct TreeBuilder {
    /// Open collections: the node being filled and its anchor.
    stack: Vec<(Node, usize)>,
    /// A mapping's key waiting for its value, per open mapping.
    pending_keys: Vec<Option<(String, Pos)>>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    error: Option<(Pos, String)>,
}

impl TreeBuilder {
    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some((parent, _)) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut parent.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => {
                let pending = self.pending_keys.last_mut().expect("one per mapping");
                match pending.take() {
                    Some((key, pos)) => entries.push((key, pos, node)),
                    None => match node.value {
                        Value::Scalar { text, .. } => *pending = Some((text, node.pos)),
                        _ => {
                            if self.error.is_none() {
                                self.error = Some((
                                    node.pos,
                                    "a key must be a plain name, not a list or mapping".into(),
                                ));
                            }
                            *pending = Some((String::new(), node.pos));
                        }
                    },
                }
            }
            Value::Scalar { .. } => unreachable!("scalars are never open"),
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let pos = Pos::from(mark);
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = style == TScalarStyle::Plain;
                self.complete(
                    Node {
                        pos,
                        value: Value::Scalar { text, plain },
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.stack.push((
                Node {
                    pos,
                    value: Value::Seq(Vec::new()),
                },
                anchor,
            )),
            Event::MappingStart(anchor, _) => {
                self.stack.push((
                    Node {
                        pos,
                        value: Value::Map(Vec::new()),
                    },
                    anchor,
                ));
                self.pending_keys.push(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if matches!(event, Event::MappingEnd) {
                    self.pending_keys.pop();
                }
                if let Some((mut node, anchor)) = self.stack.pop() {
                    // A block mapping starts at its first key (the parser
                    // marks the first value).
                    if let Value::Map(entries) = &node.value {
                        if let Some((_, pos, _)) = entries.first() {
                            node.pos = *pos;
                        }
                    }
                    self.complete(node, anchor);
                }
            }
            Event::Alias(anchor) => match self.anchors.get(&anchor).cloned() {
                Some(mut node) => {
                    node.pos = pos;
                    self.complete(node, 0);
                }
                None => {
                    if self.error.is_none() {
                        self.error = Some((pos, "alias to an unknown anchor".into()));
                    }
                }
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

pub(super) fn load_yaml(text: &str, name: &str) -> Result<Node, String> {
    let mut builder = TreeBuilder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| format!("{name}:{}: {}", Pos::from(*e.marker()), e.info()))?;
    if let Some((pos, message)) = builder.error {
        return Err(format!("{name}:{pos}: {message}"));
    }
    builder.root.filter(|root| !root.is_null()).ok_or_else(|| {
        format!("{name}: the file is empty; it needs at least `version: v2` and `plugins:`")
    })
}
