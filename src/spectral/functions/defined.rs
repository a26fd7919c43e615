//! `defined`: the value must be there; `null` counts as there.
//!
//! Message: `"foo" property must be defined`.

use crate::value::Value;

use super::print::print_property;
use super::{Failure, FunctionContext};

pub(super) fn apply(target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
    if target.is_some() {
        return Vec::new();
    }
    let property = print_property(context.document, context.pointer);
    vec![Failure::here(format!("{property}must be defined"))]
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn any_value_is_defined_even_null() {
        let defined = compiled("defined", Value::Null);
        for value in [json!(true), json!(0), json!(null)] {
            assert!(run(&defined, &value).is_empty(), "{value}");
        }
    }

    #[test]
    fn an_absent_field_is_not_defined() {
        let defined = compiled("defined", Value::Null);
        assert_eq!(
            run_at(&defined, &json!({}), "/foo"),
            here("\"foo\" property must be defined")
        );
        assert_eq!(
            run_at(&defined, &json!({ "info": {} }), "/info/contact"),
            here("\"info.contact\" property must be defined")
        );
    }

    #[test]
    fn takes_no_options() {
        for options in [json!({}), json!(2)] {
            assert_eq!(
                option_errors("defined", options),
                [(String::new(), "\"defined\" takes no options".to_owned())]
            );
        }
    }
}
