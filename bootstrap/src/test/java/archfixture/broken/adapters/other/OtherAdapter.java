package archfixture.broken.adapters.other;

/** The adapter that another adapter wrongly depends on. */
public class OtherAdapter {
}
