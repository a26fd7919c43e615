//! `truthy`: the value must not be `false`, `0`, `""`, `null` or absent.
//!
//! Message: `"title" property must be truthy` (`The document must be truthy` at the root).

use crate::value::Value;

use super::print::{is_truthy, print_property};
use super::{Failure, FunctionContext};

pub(super) fn apply(target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
    if is_truthy(target) {
        return Vec::new();
    }
    let property = print_property(context.document, context.pointer);
    vec![Failure::here(format!("{property}must be truthy"))]
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn truthy_values_pass() {
        let truthy = compiled("truthy", Value::Null);
        for value in [json!(true), json!(1), json!([]), json!({})] {
            assert!(run(&truthy, &value).is_empty(), "{value}");
        }
    }

    #[test]
    fn falsy_values_fail() {
        let truthy = compiled("truthy", Value::Null);
        for value in [json!(false), json!(null), json!(0), json!("")] {
            assert_eq!(
                run(&truthy, &value),
                here("The document must be truthy"),
                "{value}"
            );
        }
    }

    #[test]
    fn the_property_is_the_last_segment_or_the_missing_path() {
        let truthy = compiled("truthy", Value::Null);
        let document = json!({ "info": { "title": "", "license": {} } });
        assert_eq!(
            run_at(&truthy, &document, "/info/title"),
            here("\"title\" property must be truthy")
        );
        assert_eq!(
            run_at(&truthy, &document, "/info/description"),
            here("\"info.description\" property must be truthy")
        );
        assert_eq!(
            run_at(&truthy, &document, "/info/license/name"),
            here("\"license.name\" property must be truthy")
        );
    }

    #[test]
    fn takes_no_options() {
        for options in [json!({}), json!(2)] {
            assert_eq!(
                option_errors("truthy", options),
                [(String::new(), "\"truthy\" takes no options".to_owned())]
            );
        }
    }
}
