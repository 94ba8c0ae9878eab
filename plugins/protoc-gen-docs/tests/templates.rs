//! Custom Tera templates get the same data model as the built-in ones.

mod common;

use common::{fixtures, generate, nasty, single};

fn template(name: &str) -> String {
    fixtures()
        .join("templates")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_template_renders_the_error_catalog_as_csv() {
    let files = generate(&nasty(&format!(
        "template={}",
        template("reasons.csv.tera")
    )));
    assert_eq!(files.keys().collect::<Vec<_>>(), ["reasons.csv"]);
    assert_eq!(
        files["reasons.csv"],
        "reason,code,http,message\n\
         nasty.v1.SHOP_ERROR_CLOSED,INTERNAL,500,\"SHOP_ERROR_CLOSED\"\n\
         nasty.v1.SHOP_ERROR_ITEM_NOT_FOUND,NOT_FOUND,404,\"item {id} not found | gone\"\n"
    );
}

#[test]
fn html_templates_are_escaped_and_can_use_the_built_in_macros() {
    let page = single(&nasty(&format!(
        "template={},file=messages.html",
        template("summary.html.tera")
    )));
    assert!(page.contains(r#"<li id="nastyv1itemdetail">nasty.v1.Item.Detail: Detail is nested. <code>string</code></li>"#));
    assert!(page.contains(r##"<a href="#nastyv1item"><code>Item</code></a>"##));
    // Named *.html.tera, the template is HTML-escaped: a comment's raw HTML stays text.
    assert!(
        page.contains("&quot;quotes&quot; &amp; &lt;b&gt;raw HTML&lt;/b&gt;"),
        "{page}"
    );
}

#[test]
fn per_file_templates_name_pages_after_the_template() {
    let files = generate(&nasty(&format!(
        "template={},per_file=true",
        template("reasons.csv.tera")
    )));
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["nasty/v1/legacy.csv", "nasty/v1/shop.csv", "reasons.csv"]
    );
}
