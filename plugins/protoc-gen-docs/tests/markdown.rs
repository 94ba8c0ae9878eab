//! The Markdown page on a proto with nasty comments (pipes, tables, code
//! blocks, raw HTML, CJK, headings), HTTP bindings, proto2 extensions,
//! deprecation and `@exclude`: each protoc-gen-doc complaint, checked.

mod common;

use common::{generate, nasty, single};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Cells of a GitHub-flavoured table row: split on pipes not escaped with `\`
/// (inside code spans too, as GitHub and GitLab do).
fn cells(row: &str) -> usize {
    let (mut count, mut escaped) = (0, false);
    for c in row.chars() {
        if c == '|' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count - 1
}

/// Every table keeps the header's column count on every row: no comment broke one.
fn check_tables(page: &str) -> usize {
    let mut tables = 0;
    let mut header: Option<usize> = None;
    for line in page.lines() {
        match (line.starts_with('|'), header) {
            (true, None) => {
                header = Some(cells(line));
                tables += 1;
            }
            (true, Some(columns)) => {
                assert_eq!(cells(line), columns, "row breaks its table: {line}")
            }
            (false, _) => header = None,
        }
    }
    tables
}

/// The text of each cell of the table row whose first cell is `first`.
fn row(page: &str, first: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    for event in Parser::new_ext(page, options) {
        match event {
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(row) = rows.last_mut() {
                    row.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) if in_cell => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push_str(&text);
                }
            }
            _ => {}
        }
    }
    rows.into_iter()
        .find(|r| r.first().is_some_and(|c| c == first))
        .unwrap_or_else(|| panic!("no row {first}"))
}

#[test]
fn multi_line_comments_with_pipes_and_tables_stay_in_their_cells() {
    let page = single(&nasty(""));
    assert!(check_tables(&page) >= 10);
    let id = row(&page, "id");
    assert_eq!(id.len(), 5);
    assert_eq!(
        id[4],
        "Id, e.g. \"a|b\" — pipes | everywhere | in a field comment that spans two lines."
    );
    let price = row(&page, "price_cents");
    assert_eq!(price[3], "priceInCents");
    assert!(
        price[4].starts_with("Price in cents.<br><br>| currency | unit |"),
        "{price:?}"
    );
    let text = row(&page, "text");
    assert_eq!(text[4], "Text with code | pipe and a link.");
    let not_found = row(&page, "SHOP_ERROR_ITEM_NOT_FOUND");
    assert_eq!(not_found[5], "item {id} not found | gone");
}

#[test]
fn comments_are_markdown_not_html_escaped() {
    let page = single(&nasty(""));
    for escaped in ["&#34;", "&quot;", "&lt;", "&gt;", "&amp;", "&#39;"] {
        assert!(!page.contains(escaped), "the Markdown contains {escaped}");
    }
    assert!(page.contains("\"quotes\" & <b>raw HTML</b> that must reach the Markdown as written."));
    assert!(
        page.contains(
            "| Region | Endpoint |\n|--------|----------|\n| EU     | `shop.eu.example` |"
        )
    );
    assert!(page.contains("```\ncurl https://shop.example/v1/items/42 | jq .\n```"));
    assert!(page.contains("商品是待售的东西。价格以分为单位。"));
}

#[test]
fn comments_cannot_swallow_the_rest_of_the_page() {
    let page = single(&nasty(""));
    // Watch's comment ends inside a code fence: it is closed before the method's details.
    assert!(page.contains("```\nfor change in watch() {\n```\n\n- Request: [GetItemRequest]"));
    // Color's comment opens <pre> and never closes it: shown as text, the values table survives.
    assert!(page.contains("\\<pre>\nAn unterminated pre block"));
    assert_eq!(row(&page, "COLOR_RED")[2], "Red, 赤.");
}

#[test]
fn annotation_lines_are_never_prose_in_any_format() {
    for format in ["markdown", "html", "json"] {
        for (name, content) in generate(&nasty(&format!("format={format}"))) {
            for annotation in [
                "@code",
                "@msg",
                "@i18n",
                "@default_code",
                "@exclude",
                "@plugins",
            ] {
                assert!(
                    !content.contains(annotation),
                    "{format} {name} shows {annotation}"
                );
            }
        }
    }
}

#[test]
fn exclude_removes_the_element_not_only_its_comment() {
    let page = single(&nasty(""));
    for hidden in [
        "InternalReindex",
        "internal_note",
        "COLOR_SECRET",
        "SHOP_ERROR_HIDDEN",
        "secret",
        "### nasty.v1.InternalAudit",
    ] {
        assert!(!page.contains(hidden), "{hidden} is still documented");
    }
    assert!(
        !page.contains("#nastyv1internalaudit"),
        "a link points at the excluded message"
    );
    // A field whose type is excluded still says what the type is, without a link.
    assert_eq!(row(&page, "audit")[1], "InternalAudit");
    let json = single(&nasty("format=json"));
    assert!(!json.contains("SHOP_ERROR_HIDDEN") && !json.contains("InternalReindex"));
}

#[test]
fn declaration_order_by_default_and_by_name_on_request() {
    let headings = |page: &str| -> Vec<String> {
        page.lines()
            .filter_map(|l| l.strip_prefix("#### nasty.v1."))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        headings(&single(&nasty(""))),
        [
            "LegacyPrice",
            "Shop",
            "Item",
            "Item.Detail",
            "Tag",
            "GetItemRequest",
            "CreateItemRequest",
            "Color",
            "ShopError"
        ]
    );
    let sorted = single(&nasty("sort=name"));
    assert_eq!(
        headings(&sorted),
        [
            "LegacyPrice",
            "Shop",
            "CreateItemRequest",
            "GetItemRequest",
            "Item",
            "Item.Detail",
            "Tag",
            "Color",
            "ShopError"
        ]
    );
    let methods: Vec<&str> = sorted
        .lines()
        .filter_map(|l| l.strip_prefix("##### nasty.v1.Shop."))
        .collect();
    assert_eq!(methods, ["CreateItem", "GetItem", "OldCheckout", "Watch"]);
    // Fields keep their declaration order either way.
    let fields: Vec<&str> = sorted
        .lines()
        .filter(|l| l.starts_with("| `amount`") || l.starts_with("| `currency`"))
        .collect();
    assert!(fields[0].starts_with("| `amount`"));
}

#[test]
fn deprecation_of_every_kind_of_element_is_shown() {
    let page = single(&nasty(""));
    assert!(page.contains("##### nasty.v1.Shop.OldCheckout\n\n**Deprecated.**\n"));
    assert!(page.contains("#### nasty.v1.Tag\n\n**Deprecated.**\n"));
    assert!(row(&page, "voucher")[4].starts_with("Deprecated. One of payment."));
    assert!(row(&page, "COLOR_BLUE")[2].starts_with("Deprecated."));
}

#[test]
fn methods_show_streaming_and_http_bindings() {
    let page = single(&nasty(""));
    assert!(page.contains(
        "- Request: [GetItemRequest](#nastyv1getitemrequest)\n- Response: [Item](#nastyv1item)\n\
         - HTTP: `GET /v1/items/{id}`\n- HTTP: `GET /v1/shops/{shop}/items/{id}`\n"
    ));
    assert!(page.contains("- HTTP: `POST /v1/items`, body `item`\n"));
    assert!(page.contains("- Response: stream [Item](#nastyv1item)\n"));
}

#[test]
fn fields_show_label_map_oneof_default_and_json_name() {
    let page = single(&nasty(""));
    assert_eq!(row(&page, "tags")[1], "map<string, Tag>");
    assert!(page.contains("| `tags` | map\\<`string`, [Tag](#nastyv1tag)\\> |"));
    assert_eq!(row(&page, "amount")[1], "required int64");
    assert_eq!(row(&page, "nickname")[1], "optional string");
    assert!(row(&page, "card")[4].starts_with("One of payment."));
    assert!(row(&page, "currency")[4].starts_with("Default EUR."));
}

#[test]
fn extensions_and_imported_types_are_linked() {
    let page = single(&nasty(""));
    assert!(page.contains(
        "| `nasty.v1.discount_percent` | [LegacyPrice](#nastyv1legacyprice) | 100 | optional `int32` | A discount, as an extension of LegacyPrice. |"
    ));
    assert!(page.contains("| `nasty.v1.LegacyPrice.sensitive` | [google.protobuf.FieldOptions](#googleprotobuffieldoptions) |"));
    assert!(page.contains(
        "### google.protobuf.Timestamp\n\nMessage from `google/protobuf/timestamp.proto` \
         ([reference](https://protobuf.dev/reference/protobuf/google.protobuf/#timestamp)).\n"
    ));
}

#[test]
fn per_file_pages_link_to_each_other() {
    let pages = generate(&nasty("per_file=true"));
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        ["index.md", "nasty/v1/legacy.md", "nasty/v1/shop.md"]
    );
    assert!(pages["nasty/v1/shop.md"].contains("[LegacyPrice](legacy.md#nastyv1legacyprice)"));
    assert!(pages["index.md"].contains("| [nasty/v1/shop.proto](nasty/v1/shop.md) | `nasty.v1` | The header comment of a file, with a heading of its own, a table and \"quotes\" & <b>raw HTML</b> that must reach the Markdown as written. |"));
    assert!(pages["index.md"].contains("[nasty.v1.ShopError](nasty/v1/shop.md#nastyv1shoperror)"));
    assert!(
        !pages["nasty/v1/shop.md"].contains("| Reason | Code | HTTP | Message | Enum |"),
        "the module-wide catalog is on the index"
    );
}

#[test]
fn the_error_catalog_follows_the_reason_style() {
    let page = single(&nasty("reason_style=aip,domain=shop.example"));
    let entry = row(&page, "SHOP_ERROR_ITEM_NOT_FOUND<br>domain shop.example");
    assert_eq!(
        entry[1..4],
        ["NOT_FOUND", "404", "item {id} not found | gone"]
    );
}
