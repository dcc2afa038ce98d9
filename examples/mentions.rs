//! Debug view of one sentence: clauses, mentions, hits.
use sitmon::config::Scenario;
fn main() {
    let s = Scenario::builtin();
    for arg in std::env::args().skip(1) {
        println!("{}", sitmon::extract::debug_sentence(&s, &arg));
    }
}
