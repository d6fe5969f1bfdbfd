use super::*;

fn facts(p: &str) -> Option<Value> {
    match p {
        "customer.first_name" => Some(Value::Text("ana".into())),
        "customer.tier" => Some(Value::Text("Gold".into())),
        "customer.tenure_years" => Some(Value::Number(7.0)),
        "orders.count" => Some(Value::Number(1.0)),
        "last_order.date" => Some(Value::Date(crate::time::parse_iso("2026-10-28").unwrap())),
        "last_order.items" => Some(Value::List(
            vec!["Espresso machine".to_string(), "Beans".to_string()].into(),
        )),
        "customer.nickname" => Some(Value::Text("  ".into())),
        "customer.name" => Some(Value::Text("Émile Zola".into())),
        "previous_ticket.subject" => Some(Value::Text("Re: order {{ order.name }} {%x%}".into())),
        _ => None,
    }
}

fn r(src: &str) -> Rendering<'static> {
    // leaked: a test's few templates outlive the rendering that borrows their paths
    render(Box::leak(Box::new(Template::parse(src).unwrap())), &facts)
}

#[test]
fn placeholders_and_filters() {
    assert_eq!(
        r("Hi {{ customer.first_name | capitalize }},").text,
        "Hi Ana,"
    );
    assert_eq!(
        r("Hi {{ agent.name | default: \"there\" }}").text,
        "Hi there"
    );
    assert_eq!(
        r("Hi {{ customer.nickname | default: customer.first_name | capitalize }}").text,
        "Hi Ana"
    );
    assert_eq!(
        r("{{ customer.tenure_years | plural: \"year\", \"years\" }}").text,
        "7 years"
    );
    assert_eq!(
        r("{{ orders.count | plural: \"order\", \"orders\" }}").text,
        "1 order"
    );
    assert_eq!(
        r("{{ last_order.date | date: \"long\" }} / {{ last_order.date | date: \"short\" }}").text,
        "28 October 2026 / 28 Oct"
    );
    assert_eq!(
        r("{{ last_order.date | date: \"day_month\" }} / {{ last_order.date | date: \"iso\" }}")
            .text,
        "28 October / 2026-10-28"
    );
    assert_eq!(
        r("{{ last_order.items | join: \" and \" }}").text,
        "Espresso machine and Beans"
    );
    assert_eq!(r("{{ customer.tier | downcase }}").text, "gold");
}

#[test]
fn conditionals() {
    let t = "{% if customer.tier == \"gold\" %}G{% elsif customer.tier %}T{% else %}N{% endif %}";
    assert_eq!(r(t).text, "G");
    assert_eq!(
        r("{% if customer.tenure_years >= 5 and customer.first_name %}long{% endif %}").text,
        "long"
    );
    assert_eq!(r("{% if agent.name %}x{% else %}y{% endif %}").text, "y");
    assert_eq!(
        r("{% if customer.nickname %}x{% endif %}").text,
        "",
        "blank counts as missing"
    );
    // text compares without regard to case (Unicode too), numbers as numbers; a missing
    // side makes every test but `!=` false
    for (cond, want) in [
        ("customer.tier != \"GOLD\"", false),
        ("customer.tier == \" gold\"", false),
        ("customer.name == \"émile zola\"", true),
        ("customer.name != \"ÉMILE ZOLA\"", false),
        ("customer.tier > \"FOO\"", true),
        ("customer.tenure_years == \"7\"", true),
        ("customer.tenure_years < orders.count", false),
        ("agent.name == \"x\"", false),
        ("agent.name != \"x\"", true),
        ("customer.nickname == \"\"", false),
    ] {
        let x = r(&format!("{{% if {cond} %}}y{{% else %}}n{{% endif %}}"));
        assert_eq!(x.text, if want { "y" } else { "n" }, "{cond}");
    }
    let x = r("{% if customer.tier == \"gold\" and agent.name %}{% endif %}");
    assert_eq!(
        x.used,
        ["customer.tier"],
        "a compared fact that exists counts as used"
    );
}

#[test]
fn missing_facts_are_listed_not_printed() {
    let x = r("Hi {{ agent.name }}, {{ customer.first_name }}");
    assert_eq!(x.text, "Hi , ana");
    assert_eq!(x.missing, ["agent.name"]);
    assert_eq!(x.used, ["customer.first_name"]);
}

#[test]
fn parse_errors_name_line_and_column() {
    let e = Template::parse("Hello\n  {{ customer.first_name | shout }}").unwrap_err();
    assert_eq!(
        (e.line, e.message.contains("unknown filter")),
        (2, true),
        "{e}"
    );
    let e = Template::parse("ok {% if x %} never closed").unwrap_err();
    assert_eq!((e.line, e.column), (1, 4));
    let e = Template::parse("a\nb {{ name").unwrap_err();
    assert_eq!((e.line, e.column), (2, 3));
    assert!(Template::parse("{% endif %}").is_err());
    assert!(Template::parse("{{ 3bad }}").is_err());
    assert!(Template::parse("{{ a | default: \"x }}").is_err());
    assert!(Template::parse("{% if a = 1 %}{% endif %}").is_err());
}

#[test]
fn a_fact_that_reads_as_template_syntax_is_printed_as_text() {
    // a broken merge tag in an old subject: spaced apart, so the snippet stays safe to offer
    let x = r("About \"{{ previous_ticket.subject }}\": sorted.");
    assert_eq!(
        x.text,
        "About \"Re: order { { order.name } } { %x% }\": sorted."
    );
    assert!(!crate::snippets::is_broken(&x.text));
    assert!(x.missing.is_empty());
    // through a filter too, and a "{" the template leaves before the value
    assert_eq!(
        r("{ {{ previous_ticket.subject | upcase }}").text,
        "{ RE: ORDER { { ORDER.NAME } } { %X% }"
    );
}
