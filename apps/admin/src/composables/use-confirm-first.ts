import { useConfirm } from 'primevue/useconfirm';
import { useI18n } from 'vue-i18n';

export interface ConfirmQuestion {
  header: string;
  message: string;
  /** The confirming button's label: the action itself ("Remove", "Validate"), never just "OK". */
  accept: string;
  /** Destructive actions are red. */
  danger?: boolean;
}

/**
 * Asks before a consequential change (a colleague's role, removing a member, submitting,
 * validating, reopening, publishing) in the app's confirmation dialog: resolves true when accepted,
 * false when cancelled or dismissed with Escape (focus then returns to what opened it).
 */
export function useConfirmFirst() {
  const confirm = useConfirm();
  const { t } = useI18n();
  return (question: ConfirmQuestion): Promise<boolean> =>
    new Promise((resolve) => {
      confirm.require({
        header: question.header,
        message: question.message,
        icon: question.danger ? 'pi pi-exclamation-triangle' : 'pi pi-question-circle',
        acceptProps: { label: question.accept, severity: question.danger ? 'danger' : 'primary' },
        rejectProps: { label: t('common.cancel'), severity: 'secondary', outlined: true },
        accept: () => resolve(true),
        reject: () => resolve(false),
        onHide: () => resolve(false),
      });
    });
}
