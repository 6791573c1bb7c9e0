import { signal, computed } from '@preact/signals';
import type { Me, Role } from './api/types.ts';

/** The logged-in user (null when logged out, undefined while it is being found out). */
export const session = signal<Me | null | undefined>(undefined);

export const hasRole = (...roles: Role[]) => !!session.value?.user.roles.some((r) => roles.includes(r));
export const isCoordinator = computed(() => hasRole('coordinator'));
