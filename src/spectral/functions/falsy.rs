//! `falsy`: the value must be `false`, `0`, `""`, `null` or absent.
//!
//! Message: `"title" property must be falsy` (`The document must be falsy` at the root).

use crate::value::Value;

use super::print::{is_truthy, print_property};
use super::{Failure, FunctionContext};

pub(super) fn apply(target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
    if !is_truthy(target) {
        return Vec::new();
    }
    let property = print_property(context.document, context.pointer);
    vec![Failure::here(format!("{property}must be falsy"))]
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn falsy_values_pass() {
        let falsy = compiled("falsy", Value::Null);
        for value in [json!(false), json!(null), json!(0), json!("")] {
            assert!(run(&falsy, &value).is_empty(), "{value}");
        }
        assert!(run_at(&falsy, &json!({}), "/absent").is_empty());
    }

    #[test]
    fn truthy_values_fail() {
        let falsy = compiled("falsy", Value::Null);
        for value in [json!(true), json!(1), json!([]), json!({})] {
            assert_eq!(
                run(&falsy, &value),
                here("The document must be falsy"),
                "{value}"
            );
        }
        assert_eq!(
            run_at(&falsy, &json!({ "deprecated": true }), "/deprecated"),
            here("\"deprecated\" property must be falsy")
        );
    }

    #[test]
    fn takes_no_options() {
        for options in [json!({}), json!(2)] {
            assert_eq!(
                option_errors("falsy", options),
                [(String::new(), "\"falsy\" takes no options".to_owned())]
            );
        }
    }
}
