//! Article text in, observations out.
