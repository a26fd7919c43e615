//! The value of a loaded document: JSON's data model, kept small.
//!
//! `serde_json::Value` with `preserve_order` spends 80 bytes on every value, a hash table and an
//! entry list on every object (most objects have two or three members), and an allocation on
//! every key and string. A large repository holds millions of values, so that was most of
//! archlint's memory and much of its time. This value is 32 bytes; a string of up to 24 bytes
//! (most keys and most strings) is held inline ([`Str`]); an object is a list of members, scanned,
//! and only an object of many members keeps an index ([`Map`]).
//!
//! The API follows `serde_json::Value`'s names, so code reads as it would with serde_json. The
//! jsonschema crate validates `serde_json::Value`s: [`Value::to_serde`] makes one where a schema is
//! compiled or an example checked by it.

use indexmap::IndexMap;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;
use std::fmt;

/// A string of a document: inline up to 24 bytes, on the heap beyond.
pub type Str = compact_str::CompactString;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Str),
    Array(Vec<Value>),
    Object(Map),
}

static NULL: Value = Value::Null;

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_i64(&self) -> bool {
        self.as_number().is_some_and(Number::is_i64)
    }

    pub fn is_u64(&self) -> bool {
        self.as_number().is_some_and(Number::is_u64)
    }

    pub fn is_f64(&self) -> bool {
        self.as_number().is_some_and(Number::is_f64)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The member `key` of an object, or the item `key` of a list.
    pub fn get<I: Index>(&self, key: I) -> Option<&Value> {
        key.index_into(self)
    }

    pub fn get_mut<I: Index>(&mut self, key: I) -> Option<&mut Value> {
        key.index_into_mut(self)
    }

    /// The value at a JSON pointer (RFC 6901), as `serde_json::Value::pointer` finds it.
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        crate::load::document::value_at(self, pointer)
    }

    /// The value, leaving `Null` in its place.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }

    /// The same value as serde_json's, for the crates that take one (jsonschema).
    pub fn to_serde(&self) -> serde_json::Value {
        self.to_serde_with(&|number| number.clone())
    }

    /// The value as JavaScript holds it, for a validator to judge as Ajv does (Spectral's, and
    /// most teams'): a number without a fraction is an integer, however it is written (`1.0` is
    /// `1`, as JSON Schema says from draft 6 on). Draft 4's letter goes by how the number is
    /// written, which JavaScript cannot tell; `type: integer` with `example: 1.0` is no
    /// contradiction by the tools teams use.
    pub fn to_serde_as_javascript(&self) -> serde_json::Value {
        self.to_serde_with(&|number| {
            whole_float(number).map_or_else(|| number.clone(), Number::from)
        })
    }

    fn to_serde_with(&self, number: &dyn Fn(&Number) -> Number) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(value) => serde_json::Value::Bool(*value),
            Value::Number(value) => serde_json::Value::Number(number(value)),
            Value::String(text) => serde_json::Value::String(text.to_string()),
            Value::Array(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(|item| item.to_serde_with(number))
                    .collect(),
            ),
            Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(key, value)| (key.to_string(), value.to_serde_with(number)))
                    .collect(),
            ),
        }
    }
}

/// What [`Value::get`] takes: a key of an object or a position in a list.
pub trait Index {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value>;
    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value>;
}

impl Index for usize {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_array()?.get(*self)
    }

    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        value.as_array_mut()?.get_mut(*self)
    }
}

impl Index for str {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_object()?.get(self)
    }

    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        value.as_object_mut()?.get_mut(self)
    }
}

impl Index for String {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(value)
    }

    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        self.as_str().index_into_mut(value)
    }
}

impl Index for Str {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(value)
    }

    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        self.as_str().index_into_mut(value)
    }
}

impl<T: Index + ?Sized> Index for &T {
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        (**self).index_into(value)
    }

    fn index_into_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        (**self).index_into_mut(value)
    }
}

impl<I: Index> std::ops::Index<I> for Value {
    type Output = Value;

    /// `Null` where there is nothing, as serde_json answers.
    fn index(&self, key: I) -> &Value {
        key.index_into(self).unwrap_or(&NULL)
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<String> for Value {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}

macro_rules! equal_to_number {
    ($($number:ty => $as:ident: $wide:ty,)*) => {$(
        impl PartialEq<$number> for Value {
            fn eq(&self, other: &$number) -> bool {
                self.$as() == Some(<$wide>::from(*other))
            }
        }
    )*};
}

equal_to_number! {
    i32 => as_i64: i64,
    i64 => as_i64: i64,
    u32 => as_u64: u64,
    u64 => as_u64: u64,
    f64 => as_f64: f64,
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(value) => Value::Bool(value),
            serde_json::Value::Number(number) => Value::Number(number),
            serde_json::Value::String(text) => Value::String(text.into()),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(key, value)| (Str::from(key), Value::from(value)))
                    .collect(),
            ),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::String(text.into())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::String(text.into())
    }
}

impl From<Str> for Value {
    fn from(text: Str) -> Self {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<Number> for Value {
    fn from(number: Number) -> Self {
        Value::Number(number)
    }
}

macro_rules! from_integer {
    ($($integer:ty)*) => {$(
        impl From<$integer> for Value {
            fn from(number: $integer) -> Self {
                Value::Number(number.into())
            }
        }
    )*};
}

from_integer!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

/// A number written with a fraction that is zero (`1.0`), as the integer JavaScript holds:
/// `None` for an integer written as one, a fraction, or a float beyond i64.
pub fn whole_float(number: &Number) -> Option<i64> {
    let float = number.as_f64().filter(|_| number.is_f64())?;
    (float.fract() == 0.0 && float.abs() < 2f64.powi(63)).then_some(float as i64)
}

/// The number a document writes as `written` (JSON's grammar, which YAML's numbers share). One
/// beyond f64's range (`1e309`) is the largest finite f64 of its sign: JavaScript, which
/// Spectral and Ajv judge with, reads it as `Infinity`, a number, and it compares with every
/// bound a document can write as `Infinity` does. `None` for text that is no number.
pub fn number_written(written: &str) -> Option<Number> {
    if let Ok(number) = written.parse::<Number>() {
        return Some(number);
    }
    let number: f64 = written.parse().ok()?;
    let finite = if number.is_infinite() {
        f64::MAX.copysign(number)
    } else {
        number
    };
    Number::from_f64(finite)
}

impl From<f64> for Value {
    /// `Null` for a number JSON cannot write, as serde_json makes it.
    fn from(number: f64) -> Self {
        Number::from_f64(number).map_or(Value::Null, Value::Number)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Self {
        Value::Array(items)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Value::Object(map)
    }
}

impl FromIterator<Value> for Value {
    fn from_iter<T: IntoIterator<Item = Value>>(items: T) -> Self {
        Value::Array(items.into_iter().collect())
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(value) => serializer.serialize_bool(*value),
            Value::Number(number) => number.serialize(serializer),
            Value::String(text) => serializer.serialize_str(text),
            Value::Array(items) => {
                let mut list = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    list.serialize_element(item)?;
                }
                list.end()
            }
            Value::Object(map) => map.serialize(serializer),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Value::from)
    }
}

impl fmt::Display for Value {
    /// JSON, compact, or indented with `{:#}`: as serde_json writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

/// The members of an object, in the order written. A key is written once.
#[derive(Clone, Debug)]
pub enum Map {
    /// Most objects: a few members, found by a scan, which is sooner than hashing the key.
    Listed(Vec<(Str, Value)>),
    /// An object of [`INDEXED`] members or more, indexed by key.
    Indexed(Box<IndexMap<Str, Value>>),
}

/// Objects with at least this many members keep an index.
pub const INDEXED: usize = 16;

impl Default for Map {
    fn default() -> Self {
        Map::Listed(Vec::new())
    }
}

impl Map {
    pub fn new() -> Self {
        Map::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        if capacity >= INDEXED {
            Map::Indexed(Box::new(IndexMap::with_capacity(capacity)))
        } else {
            Map::Listed(Vec::with_capacity(capacity))
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Map::Listed(members) => members.len(),
            Map::Indexed(members) => members.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position of `key` among the members.
    pub fn position(&self, key: &str) -> Option<usize> {
        match self {
            Map::Listed(members) => listed_position(members, key),
            Map::Indexed(members) => members.get_index_of(key),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.get_key_value(key).map(|(_, value)| value)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let position = self.position(key)?;
        Some(self.value_at_mut(position))
    }

    /// The value of the member at `position`, which is one.
    fn value_at_mut(&mut self, position: usize) -> &mut Value {
        match self {
            Map::Listed(members) => &mut members[position].1,
            Map::Indexed(members) => &mut members[position],
        }
    }

    /// The member at `position`.
    pub fn get_index(&self, position: usize) -> Option<(&Str, &Value)> {
        match self {
            Map::Listed(members) => members.get(position).map(|(key, value)| (key, value)),
            Map::Indexed(members) => members.get_index(position),
        }
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&Str, &Value)> {
        self.get_index(self.position(key)?)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets the member `key`: a new key goes last, a known one keeps its place. Returns where it
    /// stands and the value it replaced.
    pub fn insert_full(&mut self, key: impl Into<Str>, value: Value) -> (usize, Option<Value>) {
        let key = key.into();
        // An indexed map finds the key and adds it in one lookup, below.
        if let Map::Listed(members) = self {
            if let Some(position) = listed_position(members, &key) {
                return (
                    position,
                    Some(std::mem::replace(&mut members[position].1, value)),
                );
            }
            if members.len() + 1 < INDEXED {
                members.push((key, value));
                return (members.len() - 1, None);
            }
            let mut indexed = IndexMap::with_capacity(members.len() + 1);
            indexed.extend(std::mem::take(members));
            *self = Map::Indexed(Box::new(indexed));
        }
        let Map::Indexed(members) = self else {
            unreachable!("a listed map became indexed above")
        };
        members.insert_full(key, value)
    }

    /// The member `key`, set to `default()` first where there is none.
    pub fn get_or_insert_with(
        &mut self,
        key: impl Into<Str>,
        default: impl FnOnce() -> Value,
    ) -> &mut Value {
        let key = key.into();
        let position = match self.position(&key) {
            Some(position) => position,
            None => self.insert_full(key, default()).0,
        };
        self.value_at_mut(position)
    }

    pub fn insert(&mut self, key: impl Into<Str>, value: Value) -> Option<Value> {
        self.insert_full(key, value).1
    }

    /// Takes the member `key` out, the others keeping their order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        match self {
            Map::Listed(members) => {
                let position = listed_position(members, key)?;
                Some(members.remove(position).1)
            }
            Map::Indexed(members) => members.shift_remove(key),
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        match self {
            Map::Listed(members) => Iter::Listed(members.iter()),
            Map::Indexed(members) => Iter::Indexed(members.iter()),
        }
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Str, &mut Value)> {
        // One iterator type for both forms: the form not taken contributes an empty half.
        let (listed, indexed) = match self {
            Map::Listed(members) => (
                Some(members.iter_mut().map(|(key, value)| (&*key, value))),
                None,
            ),
            Map::Indexed(members) => (None, Some(members.iter_mut())),
        };
        listed
            .into_iter()
            .flatten()
            .chain(indexed.into_iter().flatten())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Str> + ExactSizeIterator {
        self.iter().map(|(key, _)| key)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.iter().map(|(_, value)| value)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.iter_mut().map(|(_, value)| value)
    }
}

/// Where `key` stands in a listed map's members: a scan, which for a few members is sooner than
/// hashing the key.
fn listed_position(members: &[(Str, Value)], key: &str) -> Option<usize> {
    members.iter().position(|(candidate, _)| candidate == key)
}

/// The members of a [`Map`] in order.
pub enum Iter<'m> {
    Listed(std::slice::Iter<'m, (Str, Value)>),
    Indexed(indexmap::map::Iter<'m, Str, Value>),
}

impl<'m> Iterator for Iter<'m> {
    type Item = (&'m Str, &'m Value);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Listed(members) => members.next().map(|(key, value)| (key, value)),
            Iter::Indexed(members) => members.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Listed(members) => members.size_hint(),
            Iter::Indexed(members) => members.size_hint(),
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Listed(members) => members.next_back().map(|(key, value)| (key, value)),
            Iter::Indexed(members) => members.next_back(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'m> IntoIterator for &'m Map {
    type Item = (&'m Str, &'m Value);
    type IntoIter = Iter<'m>;

    fn into_iter(self) -> Iter<'m> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = (Str, Value);
    type IntoIter = Box<dyn Iterator<Item = (Str, Value)>>;

    fn into_iter(self) -> Self::IntoIter {
        match self {
            Map::Listed(members) => Box::new(members.into_iter()),
            Map::Indexed(members) => Box::new(members.into_iter()),
        }
    }
}

impl<K: Into<Str>> FromIterator<(K, Value)> for Map {
    /// A key given twice keeps its first place and its last value.
    fn from_iter<T: IntoIterator<Item = (K, Value)>>(members: T) -> Self {
        let members = members.into_iter();
        let mut map = Map::with_capacity(members.size_hint().0);
        for (key, value) in members {
            map.insert(key, value);
        }
        map
    }
}

impl<K: Into<Str>> Extend<(K, Value)> for Map {
    fn extend<T: IntoIterator<Item = (K, Value)>>(&mut self, members: T) {
        for (key, value) in members {
            self.insert(key, value);
        }
    }
}

impl PartialEq for Map {
    /// The same members, in any order, as two JSON objects are equal.
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(key, value)| other.get(key) == Some(value))
    }
}

impl std::ops::Index<&str> for Map {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).expect("the map has the key")
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key.as_str(), value)?;
        }
        map.end()
    }
}

/// A [`Value`] written as JSON, in serde_json's `json!` syntax.
#[macro_export]
macro_rules! json {
    ($($json:tt)+) => {
        $crate::value::Value::from(::serde_json::json!($($json)+))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_four_words() {
        assert_eq!(std::mem::size_of::<Value>(), 32);
    }

    #[test]
    fn a_map_keeps_the_order_written_across_its_index() {
        let mut map = Map::new();
        for position in 0..40 {
            map.insert(format!("key{}", 39 - position), Value::from(position));
        }
        assert!(matches!(map, Map::Indexed(_)));
        map.insert("key39", Value::from("again"));
        assert_eq!(map.position("key39"), Some(0));
        assert_eq!(map.get("key39"), Some(&Value::from("again")));
        assert_eq!(map.keys().last().map(Str::as_str), Some("key0"));
        assert_eq!(map.remove("key38"), Some(Value::from(1)));
        assert_eq!(map.position("key37"), Some(1));
    }

    #[test]
    fn written_as_serde_json_writes_it() {
        let serde = serde_json::json!({"b": [1, 2.5, null, true], "a": {"x": "é\n"}});
        let value = Value::from(serde.clone());
        assert_eq!(value.to_string(), serde.to_string());
        assert_eq!(format!("{value:#}"), format!("{serde:#}"));
        assert_eq!(value.to_serde(), serde);
    }

    #[test]
    fn objects_are_equal_in_any_order() {
        assert_eq!(json!({"a": 1, "b": 2}), json!({"b": 2, "a": 1}));
        assert_ne!(json!({"a": 1}), json!({"a": 1, "b": 2}));
    }
}
