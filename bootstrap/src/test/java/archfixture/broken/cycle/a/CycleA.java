package archfixture.broken.cycle.a;

/** Breaks "no package cycles", with {@link archfixture.broken.cycle.b.CycleB}. */
public class CycleA {
    public archfixture.broken.cycle.b.CycleB next;
}
