#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    archlint::cli::main()
}

/// By default mimalloc commits its arenas eagerly and keeps freed pages for a second: a run of
/// a few seconds then holds on to what loading and the rules freed long before, and a
/// repository of 10,000 services peaked at 590 MiB with 440 MB in use. Committing on demand and
/// returning freed pages at once bring the peak close to what is in use (450 MiB), for some CPU:
/// memory returned is faulted in again when it is used again (1.03x to 1.16x, measured paired).
///
/// It runs before `main` because the first arena is reserved, committed or not, by the first
/// allocation, which Rust's runtime makes before `main`. These are defaults: a user's
/// `MIMALLOC_ARENA_EAGER_COMMIT` or `MIMALLOC_PURGE_DELAY` still wins.
#[ctor::ctor(unsafe)]
fn return_freed_memory_promptly() {
    // The options' numbers in mimalloc's `mi_option_e` (v3); libmimalloc-sys names neither. Its
    // count of options is checked so that a renumbering fails the build.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const _: () = assert!(libmimalloc_sys::_mi_option_last == 47);
    // SAFETY: setting an option's default is a bounds-checked store into mimalloc's table of
    // options, on the one thread that runs before `main`. Whether mimalloc's own start-up has
    // run yet does not matter: it leaves an option no variable sets at its default, which this
    // replaces, and reserves no arena.
    unsafe {
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 0);
    }
}
