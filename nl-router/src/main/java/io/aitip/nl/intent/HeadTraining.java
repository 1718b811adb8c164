package io.aitip.nl.intent;

/**
 * How the learned head is trained (decision 0020).
 *
 * @param epochs   passes over the examples
 * @param l2       weight decay
 * @param copies   perturbed copies of each example added to training ({@link Perturbation}); 0: none
 * @param dropTerm chance that a perturbed copy loses each of its words
 * @param noise    length of the random shift added to a perturbed copy's unit sentence vector
 */
public record HeadTraining(int epochs, float l2, int copies, double dropTerm, double noise) {

    /** The defaults, chosen by store cross-validation. */
    public static final HeadTraining DEFAULT = new HeadTraining(10, 1e-4f, 3, 0.2, 0);
}
