fn main() -> std::process::ExitCode {
    archlint::cli::main()
}
