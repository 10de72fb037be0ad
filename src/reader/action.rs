//! What can happen to the reader: commands bound to keys, text typed into the search prompt,
//! the terminal's size and mouse, and results of background work.

/// A command a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    NextPane,
    PrevPane,
    /// Focus pane n (0-based).
    Pane(usize),
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Move focus to the quote sidebar, and back.
    Sidebar,
    SelectNext,
    SelectPrev,
    /// Jump from the selected card to where the article says it.
    Jump,
    /// Back to where you were before the last jump.
    JumpBack,
    Search,
    NextMatch,
    PrevMatch,
    Zoom,
    AllCards,
    Keywords,
    Help,
    /// Close whatever is open: help, search, sidebar focus.
    Escape,
    /// Run the search typed into the prompt.
    Submit,
    /// Delete the prompt's last character.
    DeleteChar,
    /// Copy the selected card, or the paragraph at the top of the pane, with a citation.
    Copy,
    /// Copy the focused article as Markdown.
    CopyArticle,
    /// The list of the pages, and back.
    Pages,
    PrevPage,
    NextPage,
    /// Hand the terminal back to the shell (Ctrl-Z), until `fg`.
    Suspend,
}

/// An input to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// A character typed into the search prompt.
    SearchInput(char),
    /// The terminal's size, in cells.
    Resize(u16, u16),
    /// The mouse wheel over a cell: down or up.
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    /// A click on a cell.
    Click {
        x: u16,
        y: u16,
    },
    /// Keywords for each article of page `page`, computed in the background.
    Analysed {
        page: usize,
        keywords: Vec<Vec<String>>,
    },
}
