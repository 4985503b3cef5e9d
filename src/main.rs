fn main() {
    restride::start();
}
