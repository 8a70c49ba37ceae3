//! The keys of the pop-ups and of the forms being filled in.

use super::super::*;

/// Pop-ups.
pub(super) const POPUPS: &[Binding] = &[
    unlisted(
        &[C::Confirm],
        &[
            (ch('y'), A::Yes),
            (ch('Y'), A::Yes),
            (ch('n'), A::No),
            (ch('N'), A::No),
            (any(Esc), A::No),
        ],
    )
    .hints(&[
        hint(Block::Confirm, 0, "y yes"),
        hint(Block::Confirm, 1, "n or Esc no"),
    ]),
    unlisted(
        &[C::Choose],
        &[
            (any(Esc), A::Close),
            (any(Enter), A::Open),
            (any(Down), A::Move(Motion::Down)),
            (any(Up), A::Move(Motion::Up)),
            (any(PageDown), A::Move(Motion::HalfPageDown)),
            (any(PageUp), A::Move(Motion::HalfPageUp)),
            (any(Home), A::Move(Motion::First)),
            (any(End), A::Move(Motion::Last)),
        ],
    )
    .hints(&[
        hint(Block::Choose, 0, "↑↓ PgUp PgDn Home End"),
        hint(Block::Choose, 1, "Enter picks"),
        hint(Block::Choose, 2, "Esc cancels"),
    ]),
    unlisted(
        &[C::Event],
        &[
            (any(Esc), A::Close),
            (any(Enter), A::Close),
            (any(Down), A::Move(Motion::Down)),
            (ch('j'), A::Move(Motion::Down)),
            (any(Up), A::Move(Motion::Up)),
            (ch('k'), A::Move(Motion::Up)),
            (any(PageDown), A::Move(Motion::HalfPageDown)),
            (any(PageUp), A::Move(Motion::HalfPageUp)),
            (ch('g'), A::Move(Motion::First)),
            (ch('G'), A::Move(Motion::Last)),
            (any(Home), A::Move(Motion::First)),
            (any(End), A::Move(Motion::Last)),
        ],
    )
    .hints(&[hint(Block::Event, 0, "Esc closes")]),
    unlisted(
        &[C::Event],
        &[
            (ch('p'), A::Mark(Attendance::Present)),
            (ch('a'), A::Mark(Attendance::Absent)),
            (ch('e'), A::Mark(Attendance::Excused)),
            (ch('+'), A::Guest(true)),
            (ch('-'), A::Guest(false)),
        ],
    )
    .hints(&[
        hint(Block::EventMarks, 0, "p present").for_coordinators(),
        hint(Block::EventMarks, 1, "a absent").for_coordinators(),
        hint(Block::EventMarks, 2, "e excused").for_coordinators(),
        hint(Block::EventMarks, 3, "+/- guests").for_coordinators(),
    ]),
];

/// Forms: the keys every form takes; any other key is the focused field's.
pub(super) const FORM: &[Binding] = &[
    unlisted(&[C::Form], &[(any(Tab), A::Form(FormKey::Next))]).hints(&[hint(Block::Form, 0, "Tab next")]),
    unlisted(&[C::Form], &[(any(BackTab), A::Form(FormKey::Previous))]).hints(&[hint(
        Block::Form,
        1,
        "S-Tab back",
    )]),
    unlisted(&[C::Form], &[(ctrl('s'), A::Form(FormKey::Save))]).hints(&[hint(
        Block::Form,
        2,
        "Ctrl-S save",
    )]),
    unlisted(&[C::Form], &[(any(Esc), A::Form(FormKey::Cancel))]).hints(&[hint(
        Block::Form,
        3,
        "Esc cancel",
    )]),
    unlisted(&[C::Form], &[(ctrl('u'), A::Form(FormKey::Clear))]).hints(&[hint(
        Block::FormText,
        0,
        "Ctrl-U clears",
    )]),
];

/// A form of one-line fields: the arrows go up and down it.
pub(super) const FORM_FIELDS: &[Binding] = &[unlisted(
    &[C::FormFields],
    &[
        (any(Down), A::Form(FormKey::Next)),
        (any(Up), A::Form(FormKey::Previous)),
    ],
)];
