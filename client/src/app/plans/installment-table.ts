import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';

import { MoneyPipe } from './money-pipe';
import { Installment, InstallmentStatus } from './plan-queries';
import { INSTALLMENT_STATUS_LABELS } from './status-labels';

/** A plan's repayment schedule: one row per installment, amounts in the plan currency. */
@Component({
  selector: 'app-installment-table',
  imports: [DatePipe, MatTableModule, MoneyPipe],
  templateUrl: './installment-table.html',
  styleUrl: './installment-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallmentTable {
  readonly installments = input.required<readonly Installment[]>();
  readonly currency = input.required<string>();
  /** Plan title, for the table caption read by screen readers. */
  readonly planTitle = input.required<string>();

  protected readonly columns = [
    'number',
    'dueDate',
    'principal',
    'interest',
    'fees',
    'total',
    'status',
  ] as const;

  protected statusLabel(status: InstallmentStatus): string {
    return INSTALLMENT_STATUS_LABELS[status];
  }
}
