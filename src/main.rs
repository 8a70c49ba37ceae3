fn main() {
    std::process::exit(mentordesk::main_entry());
}
