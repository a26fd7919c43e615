//! `undefined`: the value must be absent. A YAML key without a value (`foo:`) is `null`, which
//! is there: `falsy` is the function for it.
//!
//! Message: `"foo" property must be undefined`.

use crate::value::Value;

use super::print::print_property;
use super::{Failure, FunctionContext};

pub(super) fn apply(target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
    if target.is_none() {
        return Vec::new();
    }
    let property = print_property(context.document, context.pointer);
    vec![Failure::here(format!("{property}must be undefined"))]
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn an_absent_field_passes() {
        let undefined = compiled("undefined", Value::Null);
        assert!(run_at(&undefined, &json!({}), "/foo").is_empty());
    }

    #[test]
    fn any_value_fails_even_null() {
        let undefined = compiled("undefined", Value::Null);
        assert_eq!(
            run_at(&undefined, &json!({ "foo": null }), "/foo"),
            here("\"foo\" property must be undefined")
        );
        assert_eq!(
            run(&undefined, &json!(false)),
            here("The document must be undefined")
        );
    }

    #[test]
    fn takes_no_options() {
        for options in [json!({}), json!(2)] {
            assert_eq!(
                option_errors("undefined", options),
                [(String::new(), "\"undefined\" takes no options".to_owned())]
            );
        }
    }
}
