//! Interactive views, one folder per component with its stylesheet beside it.

pub mod header;
pub mod palette;
pub mod theme_toggle;
