package archfixture.broken.domain;

/** Breaks "the domain depends on the JDK only". */
public class DomainUsingALibrary {
    public Object framework = com.tngtech.archunit.core.domain.JavaClass.class;
}
