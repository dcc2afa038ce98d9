//! The `sitmon` command; everything happens in [`cli`].

mod cli;

/// Sorted by size class, so the few long-lived records of each article do
/// not pin the pages of the texts read around them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
