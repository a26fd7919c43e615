//! Source files and byte spans: the one place that turns a byte offset into a line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Index of a file in [`Sources`]; files are numbered in sorted path order, so ordering by
/// `FileId` is ordering by path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<u32>) -> Self {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A 1-based line and a 1-based column counted in characters, as editors count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// One file's text, kept for locating and rendering diagnostics.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as walked (relative paths stay relative).
    pub path: PathBuf,
    /// The path as shown to users: relative to the current directory where possible.
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// Characters before each [`CHAR_CHECKPOINT`]-byte block, for files that are not ASCII, so a
    /// column on a long (minified) line costs one block's count, not the whole line's.
    char_checkpoints: Vec<u32>,
}

/// Bytes between two entries of [`SourceFile::char_checkpoints`].
const CHAR_CHECKPOINT: usize = 1024;

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let lines = Lines::of(&text);
        SourceFile::with_lines(path, text, lines)
    }

    /// A file whose [`Lines`] were found beside its parsing (see [`LARGE_TEXT`]).
    pub fn with_lines(path: PathBuf, text: String, lines: Lines) -> Self {
        let name = display_name(&path);
        SourceFile {
            path,
            name,
            text,
            line_starts: lines.starts,
            char_checkpoints: lines.char_checkpoints,
        }
    }

    /// The number of characters in the text before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        if self.char_checkpoints.is_empty() {
            return offset;
        }
        // The end of a file whose length is a whole number of blocks is the start of no block.
        let block = (offset / CHAR_CHECKPOINT).min(self.char_checkpoints.len() - 1);
        self.char_checkpoints[block] as usize
            + count_chars(&self.text.as_bytes()[block * CHAR_CHECKPOINT..offset])
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of the 0-based line `index`, its line break included.
    pub fn line_range(&self, index: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(index)? as usize;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next as usize);
        Some(start..end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn location(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let mut line_start = self.line_starts[line] as usize;
        // A byte-order mark is no character of the first line: editors do not show it.
        if line == 0 && self.text.starts_with('\u{feff}') && offset >= 3 {
            line_start = 3;
        }
        let column = self.chars_before(offset) - self.chars_before(line_start) + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }
}

/// The largest character boundary of `text` at or before `offset` (an offset may fall inside a
/// multi-byte character, or past the end; slicing there would panic).
/// (`str::floor_char_boundary` needs a newer Rust than our minimum.)
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest character boundary of `text` at or after `offset`.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// The characters that start in `bytes`: every byte but UTF-8 continuation bytes. A range that
/// cuts a character counts it where it starts, so offsets inside a character are no trouble.
fn count_chars(bytes: &[u8]) -> usize {
    count_bytes(bytes, |byte| byte & 0xc0 != 0x80)
}

/// How many of `bytes` are `wanted`. Counted a block of 255 at a time into a byte, which the
/// compiler sums 32 lanes at once: counted straight into a `usize`, it takes four lanes, and a
/// pass over GitHub's 13 MB description took 11 ms instead of 1.5 ms.
pub fn count_bytes(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(u8::MAX as usize)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |count, &byte| count + u8::from(wanted(byte))) as usize
        })
        .sum()
}

/// A text at least this long is worth sharing its work among threads (its lines found beside its
/// parsing, its rules run side by side): below, handing work to another thread costs more than it
/// saves, and the other files keep the threads busy.
pub const LARGE_TEXT: usize = 256 * 1024;

/// The start of the first line and of the line after each of the `count` line `ends`, in a list
/// made at its size.
fn starts_after(count: usize, ends: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut starts = Vec::with_capacity(count + 1);
    starts.push(0);
    starts.extend(ends.map(|index| index as u32 + 1));
    starts
}

/// Where a text's lines start, and how many characters come before each block of it: what a
/// [`SourceFile`] needs to turn an offset into a line and a column.
pub struct Lines {
    starts: Vec<u32>,
    char_checkpoints: Vec<u32>,
}

impl Lines {
    pub fn of(text: &str) -> Lines {
        let bytes = text.as_bytes();
        // A line ends at LF, at CR LF, and at a lone CR, as YAML and the editors count lines.
        // Counted first, so that the list is made at its size: a list grown by doubling keeps
        // up to half of it unused, for every file of the run.
        let starts = if memchr::memchr(b'\r', bytes).is_none() {
            let count = count_bytes(bytes, |byte| byte == b'\n');
            starts_after(count, memchr::memchr_iter(b'\n', bytes))
        } else {
            let line_ends = || {
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&index| bytes[index] == b'\n' || bytes.get(index + 1) != Some(&b'\n'))
            };
            starts_after(line_ends().count(), line_ends())
        };
        let char_checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let mut before = 0u32;
            bytes
                .chunks(CHAR_CHECKPOINT)
                .map(|block| {
                    let at = before;
                    before += count_chars(block) as u32;
                    at
                })
                .collect()
        };
        Lines {
            starts,
            char_checkpoints,
        }
    }
}

/// Every file a run read, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn push(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(index as u32), file))
    }
}

/// The current directory, asked once: archlint never changes it, and asking costs a system call,
/// which the walk, the display of paths and the references would make for every file.
pub fn current_dir() -> Option<&'static Path> {
    static CURRENT_DIR: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());
    CURRENT_DIR.as_deref()
}

/// `std::path::absolute(path)`, the current directory asked once (see [`current_dir`]): on Unix a
/// relative path is the current directory joined with it (its `.` components left for the
/// caller to apply); elsewhere prefixes such as `C:dir` need the system's own reading. The empty
/// path, the folder of a bare file name (`archlint.yaml`'s), is the current directory.
pub fn absolute(path: &Path) -> PathBuf {
    let current = current_dir();
    if path.as_os_str().is_empty() {
        return current.map_or_else(PathBuf::new, Path::to_path_buf);
    }
    match current {
        Some(current) if cfg!(unix) && path.is_relative() => current.join(path),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// A path as users should read it: relative to the current directory when under it, without a
/// leading `./`, with forward slashes.
pub fn display_name(path: &Path) -> String {
    let relative = current_dir()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let shown = relative.strip_prefix(".").unwrap_or(&relative);
    let text = shown.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_characters_from_one() {
        let file = SourceFile::new("a.yaml".into(), "ab\né: ü\r\nx".into());
        assert_eq!(file.location(0), LineColumn { line: 1, column: 1 });
        assert_eq!(file.location(3), LineColumn { line: 2, column: 1 });
        // `ü` starts after `é: ` which is 4 bytes but 3 characters.
        assert_eq!(file.location(7), LineColumn { line: 2, column: 4 });
        assert_eq!(file.location(11), LineColumn { line: 3, column: 1 });
        assert_eq!(file.line_range(1), Some(3..11));
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let file = SourceFile::new(PathBuf::from("a.yaml"), "\u{feff}key: value\nx: y\n".into());
        assert_eq!(file.location(3), LineColumn { line: 1, column: 1 });
        assert_eq!(file.location(8), LineColumn { line: 1, column: 6 });
        assert_eq!(file.location(14), LineColumn { line: 2, column: 1 });
    }

    #[test]
    fn bytes_are_counted_exactly_across_blocks() {
        // Every byte wanted: a block's count reaches 255, the most a byte holds.
        for length in [0, 1, 254, 255, 256, 510, 511, 1000] {
            assert_eq!(
                count_bytes(&vec![b','; length], |byte| byte == b','),
                length
            );
        }
        let text = "a,\n".repeat(700);
        assert_eq!(count_bytes(text.as_bytes(), |byte| byte == b'\n'), 700);
        assert_eq!(count_chars("é".repeat(300).as_bytes()), 300);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let file = SourceFile::new("a.yaml".into(), "a: 1\rb: 2\r\nc: é\rd: 4\n".into());
        assert_eq!(file.location(5), LineColumn { line: 2, column: 1 });
        assert_eq!(file.location(11), LineColumn { line: 3, column: 1 });
        assert_eq!(file.location(17), LineColumn { line: 4, column: 1 });
        assert_eq!(file.line_count(), 5);
    }

    #[test]
    fn the_end_of_a_file_of_whole_blocks_has_a_column() {
        // 1,024 bytes: `é` and 1,022 ASCII bytes, so the end is where a next block would start.
        let text = format!("é{}", "a".repeat(CHAR_CHECKPOINT - 2));
        let file = SourceFile::new("a.yaml".into(), text.clone());
        assert_eq!(
            file.location(text.len()),
            LineColumn {
                line: 1,
                column: CHAR_CHECKPOINT
            }
        );
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_blocks() {
        // One line of a few thousand bytes, with multi-byte characters on both sides of the
        // checkpoint blocks, checked against a plain count at every offset.
        let line: String = (0..3000)
            .map(|index| ["a", "é", "€", "𝄞"][index % 4])
            .collect();
        let text = format!("x\n{line}");
        let file = SourceFile::new("a.json".into(), text.clone());
        for (offset, _) in text.char_indices().skip(2) {
            let expected = text[2..offset].chars().count() + 1;
            assert_eq!(file.location(offset).column, expected, "offset {offset}");
        }
    }
}
