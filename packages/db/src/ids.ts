import { v7 as uuidv7 } from 'uuid';

/** Story ids are UUIDv7: they sort in the order stories were stored. */
export const newStoryId = (): string => uuidv7();
