//! An in-memory sink for a script's `print` output that the host can read back.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// A shared, growable byte buffer: give a clone to [`crate::Vm::set_output`] and read
/// what the script printed from another.
#[derive(Clone, Debug, Default)]
pub struct OutputBuffer {
    bytes: Rc<RefCell<Vec<u8>>>,
}

impl OutputBuffer {
    /// An empty buffer.
    pub fn new() -> OutputBuffer {
        OutputBuffer::default()
    }

    /// Everything written so far, as text (invalid UTF-8 is replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes.borrow()).into_owned()
    }

    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.bytes.borrow().clone()
    }

    /// Empties the buffer.
    pub fn clear(&self) {
        self.bytes.borrow_mut().clear();
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.bytes.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
