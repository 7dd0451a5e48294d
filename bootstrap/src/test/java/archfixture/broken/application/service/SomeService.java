package archfixture.broken.application.service;

/** A use case's implementation, which an adapter must not name (it drives the use case's interface). */
public class SomeService {
}
