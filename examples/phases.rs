use sahel_brief::build::{load, BuildOptions};
use sahel_brief::engine::Engine;
use sahel_brief::theme::load_templates;
use std::path::PathBuf;
use std::time::Instant;
fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap());
    let options = BuildOptions {
        root: root.clone(),
        ..Default::default()
    };
    let t = Instant::now();
    let site = load(&options).unwrap();
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let tera = load_templates(&root).unwrap();
    let engine = Engine::new(site, tera);
    println!("engine new (bodies+index+plan) {:?}", t.elapsed());
    let t = Instant::now();
    engine.render_all(&|_, _| Ok(())).unwrap();
    println!("render all {:?}", t.elapsed());
}
