package dev.gauntlet.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LoopbackGuardIT} with the gate and its load worker on the newest LTS ({@link NewestJdk}). */
@ExtendWith(NewestJdk.class)
class LoopbackGuardOnJdk25IT extends LoopbackGuardIT {
}
