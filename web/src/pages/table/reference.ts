import { api } from '../../api/client.ts';
import type { Area, Category, Organisation } from '../../api/types.ts';

/**
 * Names of categories, organisations and areas for labels (the filter summary, parent categories in
 * the side panel), fetched once per page load and shared.
 */
let categories: Promise<Category[]> | undefined;
let organisations: Promise<Organisation[]> | undefined;
let areas: Promise<Area[]> | undefined;

const retryable = <T>(load: () => Promise<T>, reset: () => void) => load().catch((e) => { reset(); throw e; });

export const loadCategories = () => (categories ??= retryable(() => api.get<Category[]>('/api/categories'), () => (categories = undefined)));
export const loadOrganisations = () => (organisations ??= retryable(() => api.get<Organisation[]>('/api/organisations'), () => (organisations = undefined)));
export const loadAreas = () => (areas ??= retryable(() => api.get<Area[]>('/api/areas'), () => (areas = undefined)));
