fn main() {
    if let Err(err) = color_eyre::install() {
        eprintln!("mentordesk: {err}");
    }
    std::process::exit(mentordesk::main_entry());
}
