package archfixture.broken.application;

/** Breaks "no JSON library in the domain or the application": a use case that parses JSON itself. */
public class ApplicationReadingJson {
    public com.fasterxml.jackson.databind.ObjectMapper mapper;
}
