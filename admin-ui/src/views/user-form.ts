import type { AdminUserProfile } from '../../../src/admin/admin-views';
import { ApiError, type UserFields } from '../api';
import { errorMessage } from '../components';
import { field, h } from '../dom';

export interface UserFormOptions {
  readonly user?: AdminUserProfile;
  readonly submitLabel: string;
  readonly onSubmit: (fields: UserFields) => Promise<void>;
  readonly onCancel: () => void;
}

const FIELDS = [
  ['email', 'Email', 'email', true],
  ['firstName', 'First name', 'text', true],
  ['lastName', 'Last name', 'text', true],
  ['job', 'Job title', 'text', false],
  ['phone', 'Phone', 'tel', false],
  ['location', 'Location', 'text', false],
  ['businessUnit', 'Business unit', 'text', false],
] as const;

/** The Bloomflow fields of a user, to add one or edit one; errors are shown in the form. */
export function userForm(options: UserFormOptions): HTMLFormElement {
  const prefix = options.user ? 'edit' : 'add';
  const inputs = FIELDS.map(([name, , type, required]) =>
    h('input', {
      id: `${prefix}-${name}`,
      name,
      type,
      required,
      autocomplete: 'off',
      value: options.user?.[name] ?? '',
      maxlength: name === 'email' ? 254 : 256,
    }),
  );
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit' }, options.submitLabel);
  const form = h(
    'form',
    { class: 'user-form', novalidate: false },
    h('div', { class: 'form-grid' }, ...FIELDS.map(([, label], index) => field(label, inputs[index]))),
    status,
    h(
      'div',
      { class: 'actions' },
      submit,
      h('button', { type: 'button', class: 'secondary', onclick: () => options.onCancel() }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(inputs.map((input) => [input.name, input.value.trim()]));
    const fields: UserFields = {
      email: values.email,
      firstName: values.firstName,
      lastName: values.lastName,
      job: values.job === '' ? null : values.job,
      phone: values.phone === '' ? null : values.phone,
      location: values.location === '' ? null : values.location,
      businessUnit: values.businessUnit === '' ? null : values.businessUnit,
    };
    submit.disabled = true;
    status.replaceChildren();
    options.onSubmit(fields).catch((error: unknown) => {
      status.replaceChildren(errorMessage(error));
      if (error instanceof ApiError && error.details.length > 0) {
        status.append(
          h('ul', { class: 'error-details' }, ...error.details.map((detail) => h('li', {}, detail))),
        );
      }
      submit.disabled = false;
    });
  });
  return form;
}
