//! The tokens the lexer hands to the parser.
//!
//! A token stream always ends with [`TokenKind::EndMarker`] (after the closing `Newline` and
//! `Dedent`s), or, when the lexer met an error, with the [`TokenKind::Error`] token standing
//! where lexing stopped; the error itself travels beside the stream (see `lexer::Lexed`).
//! String tokens already hold the value after escape processing.

use num_bigint::BigInt;

use crate::ast::Span;

/// One token with its source span.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An identifier that is not a keyword (soft keywords such as `match` are names).
    Name(String),
    Keyword(Keyword),
    Int(BigInt),
    Float(f64),
    /// A string literal after escape processing.
    Str(String),
    /// A literal the lexer recognises but the subset does not have: an f-string, a bytes
    /// literal or an imaginary number. The text names the construct for the error.
    Unsupported(&'static str),
    Punct(Punct),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// Lexing stopped here with an error.
    Error,
}

/// Python's reserved words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Keyword {
    /// Every keyword with its spelling, used both ways by the lexer and in messages.
    const TABLE: [(Keyword, &'static str); 35] = [
        (Keyword::False, "False"),
        (Keyword::None, "None"),
        (Keyword::True, "True"),
        (Keyword::And, "and"),
        (Keyword::As, "as"),
        (Keyword::Assert, "assert"),
        (Keyword::Async, "async"),
        (Keyword::Await, "await"),
        (Keyword::Break, "break"),
        (Keyword::Class, "class"),
        (Keyword::Continue, "continue"),
        (Keyword::Def, "def"),
        (Keyword::Del, "del"),
        (Keyword::Elif, "elif"),
        (Keyword::Else, "else"),
        (Keyword::Except, "except"),
        (Keyword::Finally, "finally"),
        (Keyword::For, "for"),
        (Keyword::From, "from"),
        (Keyword::Global, "global"),
        (Keyword::If, "if"),
        (Keyword::Import, "import"),
        (Keyword::In, "in"),
        (Keyword::Is, "is"),
        (Keyword::Lambda, "lambda"),
        (Keyword::Nonlocal, "nonlocal"),
        (Keyword::Not, "not"),
        (Keyword::Or, "or"),
        (Keyword::Pass, "pass"),
        (Keyword::Raise, "raise"),
        (Keyword::Return, "return"),
        (Keyword::Try, "try"),
        (Keyword::While, "while"),
        (Keyword::With, "with"),
        (Keyword::Yield, "yield"),
    ];

    /// The keyword spelled `word`, if it is one.
    pub fn from_word(word: &str) -> Option<Keyword> {
        Keyword::TABLE
            .iter()
            .find(|(_, spelling)| *spelling == word)
            .map(|(keyword, _)| *keyword)
    }

    /// The keyword as written in source.
    pub fn as_str(self) -> &'static str {
        Keyword::TABLE
            .iter()
            .find(|(keyword, _)| *keyword == self)
            .map(|(_, spelling)| *spelling)
            .unwrap_or("?")
    }
}

/// Operators and delimiters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Punct {
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semicolon,
    Dot,
    Ellipsis,
    Arrow,
    ColonEqual,
    Equal,
    Plus,
    Minus,
    Star,
    Slash,
    DoubleSlash,
    Percent,
    DoubleStar,
    LeftShift,
    RightShift,
    Amper,
    VBar,
    Circumflex,
    Tilde,
    At,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    EqEqual,
    NotEqual,
    PlusEqual,
    MinusEqual,
    StarEqual,
    SlashEqual,
    DoubleSlashEqual,
    PercentEqual,
    DoubleStarEqual,
    LeftShiftEqual,
    RightShiftEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    AtEqual,
    /// A character Python's tokenizer passes on as an operator the grammar never accepts
    /// (`$`, `?`, `!`, a backquote, `<>`): the parser reports `invalid syntax` at it. The
    /// lexer makes the one-character ones itself; only `<>` is in [`Punct::TABLE`].
    Stray,
}

impl Punct {
    /// Every operator with its spelling, longest spellings first so that the lexer can take
    /// the first match.
    pub const TABLE: [(Punct, &'static str); 48] = [
        (Punct::DoubleSlashEqual, "//="),
        (Punct::DoubleStarEqual, "**="),
        (Punct::LeftShiftEqual, "<<="),
        (Punct::RightShiftEqual, ">>="),
        (Punct::Ellipsis, "..."),
        (Punct::Arrow, "->"),
        (Punct::ColonEqual, ":="),
        (Punct::DoubleSlash, "//"),
        (Punct::DoubleStar, "**"),
        (Punct::LeftShift, "<<"),
        (Punct::RightShift, ">>"),
        (Punct::LessEqual, "<="),
        (Punct::GreaterEqual, ">="),
        (Punct::EqEqual, "=="),
        (Punct::NotEqual, "!="),
        (Punct::Stray, "<>"),
        (Punct::PlusEqual, "+="),
        (Punct::MinusEqual, "-="),
        (Punct::StarEqual, "*="),
        (Punct::SlashEqual, "/="),
        (Punct::PercentEqual, "%="),
        (Punct::AmperEqual, "&="),
        (Punct::VBarEqual, "|="),
        (Punct::CircumflexEqual, "^="),
        (Punct::AtEqual, "@="),
        (Punct::LParen, "("),
        (Punct::RParen, ")"),
        (Punct::LBracket, "["),
        (Punct::RBracket, "]"),
        (Punct::LBrace, "{"),
        (Punct::RBrace, "}"),
        (Punct::Colon, ":"),
        (Punct::Comma, ","),
        (Punct::Semicolon, ";"),
        (Punct::Dot, "."),
        (Punct::Equal, "="),
        (Punct::Plus, "+"),
        (Punct::Minus, "-"),
        (Punct::Star, "*"),
        (Punct::Slash, "/"),
        (Punct::Percent, "%"),
        (Punct::Amper, "&"),
        (Punct::VBar, "|"),
        (Punct::Circumflex, "^"),
        (Punct::Tilde, "~"),
        (Punct::At, "@"),
        (Punct::Less, "<"),
        (Punct::Greater, ">"),
    ];
}

impl TokenKind {
    /// Whether the token can begin an expression; used to guess a missing comma.
    pub fn starts_expression(&self) -> bool {
        match self {
            TokenKind::Name(_)
            | TokenKind::Int(_)
            | TokenKind::Float(_)
            | TokenKind::Str(_)
            | TokenKind::Unsupported(_) => true,
            TokenKind::Keyword(keyword) => matches!(
                keyword,
                Keyword::True | Keyword::False | Keyword::None | Keyword::Not | Keyword::Lambda
            ),
            TokenKind::Punct(punct) => matches!(
                punct,
                Punct::LParen
                    | Punct::LBracket
                    | Punct::LBrace
                    | Punct::Minus
                    | Punct::Plus
                    | Punct::Tilde
                    | Punct::Ellipsis
            ),
            _ => false,
        }
    }
}
