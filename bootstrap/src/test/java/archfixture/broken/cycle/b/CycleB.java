package archfixture.broken.cycle.b;

/** Closes the cycle with {@link archfixture.broken.cycle.a.CycleA}. */
public class CycleB {
    public archfixture.broken.cycle.a.CycleA back;
}
