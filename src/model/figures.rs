//! SLA figures read into numbers: availability as a fraction (`99.9%` and `99.9` are 0.999) and
//! durations in milliseconds (`100ms`, `2s`, `< 300ms`).

use crate::value::Value;

/// An availability figure as a fraction of one, from a percentage with or without `%`.
pub fn availability(value: &Value) -> Result<f64, String> {
    let percent = match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => {
            let text = text.trim();
            text.strip_suffix('%')
                .unwrap_or(text)
                .trim()
                .parse::<f64>()
                .ok()
        }
        _ => None,
    };
    match percent {
        Some(percent) if (0.0..=100.0).contains(&percent) => Ok(percent / 100.0),
        Some(_) => Err(format!(
            "availability {} is not a percentage from 0 to 100",
            show(value)
        )),
        None => Err(format!(
            "availability {} is not a percentage such as `99.9%`",
            show(value)
        )),
    }
}

/// A duration in milliseconds: a number with `us`, `ms`, `s`, `m` or `min`, optionally after a
/// comparison (`< 300ms`, `<= 2s`); a bare number is milliseconds.
pub fn duration_ms(value: &Value) -> Result<f64, String> {
    let unreadable = || {
        format!(
            "duration {} is not a number with a unit such as `300ms` or `2s`",
            show(value)
        )
    };
    let text = match value {
        Value::Number(number) => return number.as_f64().ok_or_else(unreadable),
        Value::String(text) => text.trim(),
        _ => return Err(unreadable()),
    };
    let text = text.trim_start_matches(['<', '≤', '=']).trim_start();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| unreadable())?;
    let factor = match unit.trim() {
        "" | "ms" => 1.0,
        "us" | "µs" => 0.001,
        "s" | "sec" => 1_000.0,
        "m" | "min" => 60_000.0,
        _ => return Err(unreadable()),
    };
    Ok(number * factor)
}

fn show(value: &Value) -> String {
    match value {
        Value::String(text) => format!("`{text}`"),
        other => format!("`{other}`"),
    }
}

/// A fraction as users write it: 0.9985 is `99.85%`.
pub fn percent(fraction: f64) -> String {
    let text = format!("{:.4}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// Milliseconds as users write them: `150ms`, `2s`.
pub fn milliseconds(ms: f64) -> String {
    if ms >= 1_000.0 && (ms % 1_000.0) == 0.0 {
        format!("{}s", ms / 1_000.0)
    } else {
        let text = format!("{ms:.3}");
        format!("{}ms", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn close(read: Result<f64, String>, expected: f64) -> bool {
        read.is_ok_and(|value| (value - expected).abs() < 1e-12)
    }

    #[test]
    fn availability_figures() {
        assert!(close(availability(&json!("99.9%")), 0.999));
        assert!(close(availability(&json!(99.9)), 0.999));
        assert!(close(availability(&json!("99.95")), 0.9995));
        assert!(availability(&json!("three nines")).is_err());
        assert!(availability(&json!("120%")).is_err());
        assert_eq!(percent(0.999 * 0.9995), "99.85%");
        assert_eq!(percent(0.9999), "99.99%");
    }

    #[test]
    fn durations() {
        assert_eq!(duration_ms(&json!("100ms")), Ok(100.0));
        assert_eq!(duration_ms(&json!("2s")), Ok(2_000.0));
        assert_eq!(duration_ms(&json!("< 300ms")), Ok(300.0));
        assert_eq!(duration_ms(&json!(250)), Ok(250.0));
        assert_eq!(duration_ms(&json!("1.5 s")), Ok(1_500.0));
        assert!(duration_ms(&json!("fast")).is_err());
        assert!(duration_ms(&json!("3 parsecs")).is_err());
        assert_eq!(milliseconds(150.0), "150ms");
        assert_eq!(milliseconds(2_000.0), "2s");
    }
}
