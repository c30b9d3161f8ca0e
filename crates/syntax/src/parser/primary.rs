//! Primaries: atoms (names, literals, parenthesised expressions and tuples, list displays)
//! followed by any number of calls, subscripts (with slices) and attribute accesses.
//!
//! Every bracket entered here counts in the parser's nesting depth. Inside brackets, two
//! expressions in a row get CPython's `invalid syntax. Perhaps you forgot a comma?`.

use super::{join, PResult, Parser, Tall};
use crate::ast::{Expr, ExprKind, Keyword as CallKeyword, Span};
use crate::error::SyntaxError;
use crate::token::{Keyword, Punct, TokenKind};

impl Parser {
    /// An atom with its trailers.
    pub(super) fn primary(&mut self) -> PResult<Tall> {
        let mut current = self.atom()?;
        loop {
            current = match self.kind() {
                TokenKind::Punct(Punct::LParen) => self.call(current)?,
                TokenKind::Punct(Punct::LBracket) => self.subscript(current)?,
                TokenKind::Punct(Punct::Dot) => self.attribute(current)?,
                _ => return Ok(current),
            };
        }
    }

    fn leaf(&mut self, kind: ExprKind) -> Tall {
        let span = self.span();
        self.bump();
        Tall {
            expr: Box::new(Expr { kind, span }),
            height: 1,
        }
    }

    /// An atom; brackets are dispatched first so that the recursive path through
    /// [`Parser::leaf_atom`]'s larger frame is never taken.
    fn atom(&mut self) -> PResult<Tall> {
        match self.kind() {
            TokenKind::Punct(Punct::LParen) => self.parenthesized(),
            TokenKind::Punct(Punct::LBracket) => self.list_display(),
            _ => self.leaf_atom(),
        }
    }

    fn leaf_atom(&mut self) -> PResult<Tall> {
        let span = self.span();
        let kind = match self.kind() {
            TokenKind::Name(name) => ExprKind::Name(name.clone()),
            TokenKind::Int(value) => ExprKind::Int(value.clone()),
            TokenKind::Float(value) => ExprKind::Float(*value),
            TokenKind::Str(_) => return self.strings(),
            TokenKind::Unsupported(construct) => {
                let construct: &'static str = construct;
                return self.unsupported(construct, span);
            }
            TokenKind::Keyword(keyword) => match keyword {
                Keyword::True => ExprKind::Bool(true),
                Keyword::False => ExprKind::Bool(false),
                Keyword::None => ExprKind::None,
                Keyword::Lambda | Keyword::Yield | Keyword::Await => {
                    let construct = format!("'{}'", keyword.as_str());
                    return self.unsupported(&construct, span);
                }
                _ => return self.invalid_syntax(),
            },
            TokenKind::Punct(punct) => match punct {
                Punct::LBrace => return self.unsupported("a dict or set display ('{')", span),
                Punct::Ellipsis => return self.unsupported("'...' (Ellipsis)", span),
                Punct::Star => return self.unsupported("a starred expression ('*')", span),
                Punct::DoubleStar => return self.unsupported("'**' unpacking", span),
                _ => return self.invalid_syntax(),
            },
            _ => return self.invalid_syntax(),
        };
        Ok(self.leaf(kind))
    }

    /// Adjacent string literals, joined.
    fn strings(&mut self) -> PResult<Tall> {
        let start = self.span();
        let mut value = String::new();
        loop {
            let span = self.span();
            match self.kind() {
                TokenKind::Str(part) => value.push_str(part),
                TokenKind::Unsupported(construct) => {
                    let construct: &'static str = construct;
                    return self.unsupported(construct, span);
                }
                _ => break,
            }
            self.bump();
        }
        let span = self.span_from(start);
        Ok(Tall {
            expr: Box::new(Expr {
                kind: ExprKind::Str(value),
                span,
            }),
            height: 1,
        })
    }

    /// Enters (and consumes) the bracket at the current token, returning its span. The
    /// caller leaves it when the bracketed construct is complete; after an error the depth
    /// no longer matters.
    fn open_bracket(&mut self) -> PResult<Span> {
        let open = self.span();
        self.enter(open)?;
        self.bump();
        Ok(open)
    }

    /// After an element inside brackets: the next token must be a comma or `closer`.
    fn after_element(&mut self, element: &Expr, closer: Punct) -> PResult<()> {
        let span = self.span();
        match self.kind() {
            TokenKind::Punct(Punct::Comma) => Ok(()),
            TokenKind::Punct(punct) if *punct == closer => Ok(()),
            TokenKind::Keyword(Keyword::For) => self.unsupported("a comprehension", span),
            TokenKind::Name(name) if name == "async" => self.unsupported("a comprehension", span),
            TokenKind::Punct(Punct::Equal) => self.error_at(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                element.span,
            ),
            kind if kind.starts_expression() => {
                let legacy = matches!(&element.kind, ExprKind::Name(name) if name == "print" || name == "exec");
                let name_then_string =
                    matches!(element.kind, ExprKind::Name(_)) && matches!(kind, TokenKind::Str(_));
                if legacy || name_then_string {
                    return self.invalid_syntax();
                }
                self.error_at("invalid syntax. Perhaps you forgot a comma?", element.span)
            }
            _ => self.invalid_syntax(),
        }
    }

    /// `()`, `(expr)`, `(expr,)` and `(a, b, ...)`.
    fn parenthesized(&mut self) -> PResult<Tall> {
        let open = self.open_bracket()?;
        let parser = self;
        {
            let mut elements = Vec::new();
            let mut trailing_comma = false;
            while !parser.at_punct(Punct::RParen) {
                let element = parser.expr()?;
                parser.after_element(&element.expr, Punct::RParen)?;
                elements.push(element);
                trailing_comma = parser.eat_punct(Punct::Comma);
                if !trailing_comma {
                    break;
                }
            }
            if !parser.at_punct(Punct::RParen) {
                return parser.invalid_syntax();
            }
            parser.bump();
            if elements.len() == 1 && !trailing_comma {
                parser.leave();
                return elements.pop().ok_or_else(|| {
                    Box::new(SyntaxError::new("invalid syntax", open.line, open.col))
                });
            }
            let span = parser.span_from(open);
            parser.leave();
            parser.sequence(elements, span, ExprKind::Tuple)
        }
    }

    /// `[a, b, ...]`.
    fn list_display(&mut self) -> PResult<Tall> {
        let open = self.open_bracket()?;
        let parser = self;
        {
            let mut elements = Vec::new();
            while !parser.at_punct(Punct::RBracket) {
                let element = parser.expr()?;
                parser.after_element(&element.expr, Punct::RBracket)?;
                elements.push(element);
                if !parser.eat_punct(Punct::Comma) {
                    break;
                }
            }
            if !parser.at_punct(Punct::RBracket) {
                return parser.invalid_syntax();
            }
            parser.bump();
            let span = parser.span_from(open);
            parser.leave();
            parser.sequence(elements, span, ExprKind::List)
        }
    }

    /// `value.attr`.
    fn attribute(&mut self, value: Tall) -> PResult<Tall> {
        self.bump();
        let TokenKind::Name(attr) = self.kind().clone() else {
            return self.invalid_syntax();
        };
        self.bump();
        let span = self.span_from(value.expr.span);
        let height = self.height_of(&[value.height], span)?;
        let kind = ExprKind::Attribute {
            value: value.expr,
            attr,
        };
        Ok(Tall {
            expr: Box::new(Expr { kind, span }),
            height,
        })
    }

    /// `func(args, name=value)`.
    fn call(&mut self, func: Tall) -> PResult<Tall> {
        self.open_bracket()?;
        let mut args: Vec<Tall> = Vec::new();
        let mut keywords: Vec<(CallKeyword, u32)> = Vec::new();
        while !self.at_punct(Punct::RParen) {
            self.call_argument(&mut args, &mut keywords)?;
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        if !self.at_punct(Punct::RParen) {
            return self.invalid_syntax();
        }
        self.bump();
        self.leave();
        self.finish_call(func, args, keywords)
    }

    /// One argument of a call: `value` or `name=value`.
    fn call_argument(
        &mut self,
        args: &mut Vec<Tall>,
        keywords: &mut Vec<(CallKeyword, u32)>,
    ) -> PResult<()> {
        if let Some(name) = self.keyword_argument_name()? {
            return self.keyword_argument(name, keywords);
        }
        let arg = self.expr()?;
        self.after_argument(&arg.expr, !keywords.is_empty())?;
        args.push(arg);
        Ok(())
    }

    /// The `name=value` argument at the current token.
    fn keyword_argument(
        &mut self,
        name: String,
        keywords: &mut Vec<(CallKeyword, u32)>,
    ) -> PResult<()> {
        let start = self.span();
        self.bump();
        self.bump();
        let value = self.expr()?;
        self.after_element(&value.expr, Punct::RParen)?;
        self.push_keyword(name, start, value, keywords);
        Ok(())
    }

    fn push_keyword(
        &mut self,
        name: String,
        start: Span,
        value: Tall,
        keywords: &mut Vec<(CallKeyword, u32)>,
    ) {
        self.check_repeated_keyword(keywords, &name, start);
        let keyword = CallKeyword {
            name,
            span: join(start, value.expr.span),
            value: *value.expr,
        };
        keywords.push((keyword, value.height));
    }

    /// The name of a `name=value` argument at the current token, if it is one; rejects
    /// `*` and `**` unpacking.
    fn keyword_argument_name(&mut self) -> PResult<Option<String>> {
        let start = self.span();
        match self.kind().clone() {
            TokenKind::Punct(Punct::Star) => self.unsupported("'*' argument unpacking", start),
            TokenKind::Punct(Punct::DoubleStar) => {
                self.unsupported("'**' argument unpacking", start)
            }
            TokenKind::Name(name) if *self.nth_kind(1) == TokenKind::Punct(Punct::Equal) => {
                Ok(Some(name))
            }
            _ => Ok(None),
        }
    }

    fn check_repeated_keyword(&mut self, keywords: &[(CallKeyword, u32)], name: &str, start: Span) {
        if keywords.iter().any(|(keyword, _)| keyword.name == name) {
            self.defer(SyntaxError::new(
                format!("keyword argument repeated: {name}"),
                start.line,
                start.col,
            ));
        }
    }

    /// Checks what follows a positional argument.
    fn after_argument(&mut self, arg: &Expr, after_keyword: bool) -> PResult<()> {
        if self.at_punct(Punct::Equal) {
            return self.error_at(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                arg.span,
            );
        }
        if self.at_keyword(Keyword::For) {
            let span = self.span();
            return self.unsupported("a generator expression", span);
        }
        self.after_element(arg, Punct::RParen)?;
        if after_keyword {
            return self.error_at("positional argument follows keyword argument", arg.span);
        }
        Ok(())
    }

    fn finish_call(
        &mut self,
        func: Tall,
        args: Vec<Tall>,
        keywords: Vec<(CallKeyword, u32)>,
    ) -> PResult<Tall> {
        let span = self.span_from(func.expr.span);
        let mut heights: Vec<u32> = args.iter().map(|arg| arg.height).collect();
        heights.extend(keywords.iter().map(|(_, height)| *height));
        heights.push(func.height);
        let height = self.height_of(&heights, span)?;
        let kind = ExprKind::Call {
            func: func.expr,
            args: args.into_iter().map(|arg| *arg.expr).collect(),
            keywords: keywords.into_iter().map(|(keyword, _)| keyword).collect(),
        };
        Ok(Tall {
            expr: Box::new(Expr { kind, span }),
            height,
        })
    }

    /// `value[index]`, where the index may be a slice or a tuple.
    fn subscript(&mut self, value: Tall) -> PResult<Tall> {
        let index = self.subscript_items()?;
        self.finish_subscript(value, index)
    }

    /// The bracketed items of a subscript, as its index.
    fn subscript_items(&mut self) -> PResult<Tall> {
        let open = self.open_bracket()?;
        let mut elements = Vec::new();
        let mut trailing_comma;
        loop {
            let element = self.slice_item()?;
            self.after_element(&element.expr, Punct::RBracket)?;
            elements.push(element);
            trailing_comma = self.eat_punct(Punct::Comma);
            if !trailing_comma || self.at_punct(Punct::RBracket) {
                break;
            }
        }
        if !self.at_punct(Punct::RBracket) {
            return self.invalid_syntax();
        }
        let index = self.subscript_index(elements, trailing_comma, open)?;
        self.bump();
        self.leave();
        Ok(index)
    }

    fn finish_subscript(&mut self, value: Tall, index: Tall) -> PResult<Tall> {
        let span = self.span_from(value.expr.span);
        let height = self.height_of(&[value.height, index.height], span)?;
        let kind = ExprKind::Subscript {
            value: value.expr,
            index: index.expr,
        };
        Ok(Tall {
            expr: Box::new(Expr { kind, span }),
            height,
        })
    }

    /// The index of a subscript: its one item, or a tuple of the items.
    fn subscript_index(
        &mut self,
        mut elements: Vec<Tall>,
        trailing_comma: bool,
        index_start: Span,
    ) -> PResult<Tall> {
        if elements.len() == 1 && !trailing_comma {
            if let Some(element) = elements.pop() {
                return Ok(element);
            }
        }
        if let Some(slice) = elements
            .iter()
            .find(|element| matches!(element.expr.kind, ExprKind::Slice { .. }))
        {
            let span = slice.expr.span;
            return self.unsupported("a tuple of slices", span);
        }
        let first = elements
            .first()
            .map_or(index_start, |first| first.expr.span);
        // An empty tuple cannot occur: a subscript has at least one item.
        let span = self.span_from(first);
        self.sequence(elements, span, ExprKind::Tuple)
    }

    /// One item of a subscript: an expression or `lower:upper:step` with parts optional.
    fn slice_item(&mut self) -> PResult<Tall> {
        let start = self.span();
        if self.at_punct(Punct::Colon) {
            return self.slice_rest(start, None);
        }
        let lower = self.expr()?;
        if !self.at_punct(Punct::Colon) {
            return Ok(lower);
        }
        self.slice_rest(start, Some(lower))
    }

    /// A slice from its first colon on.
    fn slice_rest(&mut self, start: Span, lower: Option<Tall>) -> PResult<Tall> {
        self.bump();
        let upper = self.slice_part()?;
        let mut step = None;
        if self.eat_punct(Punct::Colon) {
            step = self.slice_part()?;
        }
        self.finish_slice(start, [lower, upper, step])
    }

    fn finish_slice(&mut self, start: Span, parts: [Option<Tall>; 3]) -> PResult<Tall> {
        let [lower, upper, step] = parts;
        let span = self.span_from(start);
        let heights: Vec<u32> = [&lower, &upper, &step]
            .iter()
            .filter_map(|part| part.as_ref().map(|part| part.height))
            .collect();
        let height = self.height_of(&heights, span)?;
        let kind = ExprKind::Slice {
            lower: lower.map(|part| part.expr),
            upper: upper.map(|part| part.expr),
            step: step.map(|part| part.expr),
        };
        Ok(Tall {
            expr: Box::new(Expr { kind, span }),
            height,
        })
    }

    /// An optional part of a slice, absent before `:`, `,` or `]`.
    fn slice_part(&mut self) -> PResult<Option<Tall>> {
        if matches!(
            self.kind(),
            TokenKind::Punct(Punct::Colon | Punct::Comma | Punct::RBracket)
        ) {
            return Ok(None);
        }
        Ok(Some(self.expr()?))
    }
}
