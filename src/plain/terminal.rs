//! The terminal's line discipline while the plain mode reads: characters as they are typed, no
//! kernel echo, Ctrl-C and Ctrl-D read as bytes. Output processing stays on (a newline still
//! starts a new line), and nothing is ever written to switch modes: no escape sequence at all.

use std::io;

/// Restores the terminal's settings when dropped.
pub struct CharacterMode {
    saved: libc::termios,
}

impl CharacterMode {
    /// Switch standard input (a terminal) to reading characters as they come.
    pub fn enter() -> io::Result<CharacterMode> {
        // SAFETY: termios is plain data; tcgetattr fills it for a valid descriptor or fails.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid pointer to a termios we own.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut raw = saved;
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !libc::IXON;
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: a valid pointer to a termios we own.
        if unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(CharacterMode { saved })
    }
}

impl Drop for CharacterMode {
    fn drop(&mut self) {
        // On a terminal that has gone away this fails, harmlessly: nothing is written.
        // SAFETY: a valid pointer to the termios saved at the start.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &self.saved) };
    }
}
