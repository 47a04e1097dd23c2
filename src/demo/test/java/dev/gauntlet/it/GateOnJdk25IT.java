package dev.gauntlet.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link GateIT}'s tests tagged {@value GateIT#EVERY_JDK} with the gate on the newest LTS ({@link NewestJdk}). */
@ExtendWith(NewestJdk.class)
class GateOnJdk25IT extends GateIT {
}
