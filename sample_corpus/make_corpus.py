#!/usr/bin/env python
"""Generate the Faro sample corpus (fictional company "Meridian Freight Ltd.").

Usage (from the project root):
    python sample_corpus/make_corpus.py           # (re)generate every file
    python sample_corpus/make_corpus.py --check   # regenerate in a temp dir, compare
                                                  # bytes, and verify questions.jsonl

All output is deterministic: PDF creation dates, DOCX core properties and DOCX
zip entry timestamps are fixed, so a re-run produces byte-identical files.

Layout of this file:
    1. PDF_DOCS   - policy texts rendered as PDF (one inner list per page)
    2. DOCX_DOCS  - policy texts rendered as Word documents
    3. TEXT_DOCS  - Markdown / plain-text files
    4. QUESTIONS, KEY_PHRASES, ABSENT_TERMS - evaluation set and its checks
    5. write_pdf(), write_docx() and the main / check logic

Block types used in the data:
    ("h", text)        PDF section heading
    ("h1", text)       DOCX Heading 1
    ("h2", text)       DOCX Heading 2
    ("p", text)        paragraph
    ("b", [items])     bullet list (PDF: "- " lines; DOCX: 'List Bullet' style)
    ("t", [header, row, row, ...], col_widths)   table (col_widths used by PDF only)
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
COMPANY = "Meridian Freight Ltd."

# ---------------------------------------------------------------------------
# 1. PDF documents. "pages" is a list of pages; each page is a list of blocks.
#    The writer starts a new page for every inner list and fails if the
#    content of one planned page overflows onto the next, so the page on
#    which every fact appears is fixed by this data.
# ---------------------------------------------------------------------------

PDF_DOCS = [
    # ------------------------------------------------------------------ handbook
    {
        "path": "hr/employee-handbook.pdf",
        "title": "Employee Handbook",
        "lang": "en-GB",
        "front": [
            "Effective 1 February 2025",
            "Document owner: Head of People, Leeds Head Office",
        ],
        "pages": [
            [
                ("h", "1. Welcome and purpose of this handbook"),
                (
                    "p",
                    "This Employee Handbook sets out the everyday rules and practices that apply to everyone employed by Meridian Freight Ltd. in the United Kingdom. It explains how we organise working time, how probation works, when and how you are paid, how to report absence, what we expect you to wear at work, and how to raise a grievance. It should be read together with your written statement of employment particulars, which takes precedence where the two differ, and with the separate policies referred to in each section, such as the Leave Policy, the Remote Work Policy and the Code of Conduct.",
                ),
                (
                    "p",
                    "The handbook applies to permanent and fixed-term employees at the Leeds head office and at our depots in Immingham and Daventry. Agency workers and contractors must follow the sections on dress code, safety and conduct while they are on our sites, but the sections on pay, probation and grievances do not apply to them. Employees of our Spanish subsidiary, Meridian Freight Iberia S.L., are covered by their own local policies, which are published in Spanish.",
                ),
                ("h", "2. About Meridian Freight"),
                (
                    "p",
                    "Meridian Freight Ltd. was founded in Leeds in 1998 as a two-lorry haulage business. Today it provides road freight, contract warehousing and customs brokerage for retail and manufacturing customers across the UK and continental Europe. The group employs around 640 people, operates a fleet of 210 tractor units and runs three UK sites: the head office and cross-dock at Stourton Link in Leeds, the port depot at Immingham and the distribution centre at Daventry. Since 2016 our subsidiary Meridian Freight Iberia S.L. has managed Spanish and Portuguese operations from its office in Valencia and its warehouse in Riba-roja de Turia.",
                ),
                (
                    "p",
                    "Our values are simple: keep people safe, keep our promises to customers, and keep improving the way we work. Every section of this handbook has been written with those values in mind.",
                ),
                ("h", "3. How to use and update this handbook"),
                (
                    "p",
                    "The People team reviews the handbook every year and publishes changes on the intranet and in Faro, our policy search tool. If you cannot find the answer to a question here, speak to your line manager or contact the HR Service Centre. Managers are responsible for making sure that new starters receive the handbook during their first week and confirm in PeoplePoint that they have read it. Where this handbook and a more detailed policy appear to conflict, the more detailed policy applies.",
                ),
            ],
            [
                ("h", "4. Working hours and flexitime"),
                (
                    "p",
                    "Standard full-time hours for office-based employees are 37.5 hours per week, worked Monday to Friday. The working day for office staff is flexible: you may start work at any time from 07:00 and finish at any time up to 19:00, provided that you are present or available online during the core hours between 10:00 and 16:00, and that you complete your contracted hours over each four-week accounting period. A credit or debit of up to 7.5 hours may be carried from one accounting period into the next; any larger balance must be agreed with your line manager.",
                ),
                (
                    "p",
                    "Depot, warehouse and driving staff work rostered shifts rather than flexitime. Shift patterns are published at least two weeks in advance and are set out in the local rota for each site. Drivers' hours are governed by the GB and assimilated EU drivers' hours rules and by the Road Transport (Working Time) Regulations, and the transport planning team will never schedule a journey that would require a driver to break those rules.",
                ),
                ("h", "4.1 Breaks"),
                (
                    "p",
                    "Office staff take an unpaid lunch break of at least 30 minutes and no more than 90 minutes, which must start between 11:30 and 14:30. Shift workers receive a paid break of 20 minutes in each shift of more than six hours and an additional unpaid meal break of 30 minutes on shifts of ten hours or more. Breaks cannot be saved up in order to leave early or to start late.",
                ),
                ("h", "4.2 Recording time"),
                (
                    "p",
                    "Office staff record their hours in the PeoplePoint self-service portal by the end of each week. Depot and warehouse staff clock in and out using the TimeBridge terminals located at each site entrance. You must never clock in or out on behalf of another person; doing so is treated as a serious disciplinary matter. If you forget to clock in, tell your shift supervisor before the end of the shift so that the record can be corrected the same day.",
                ),
                ("h", "4.3 Overtime and on-call work"),
                (
                    "p",
                    "Overtime must always be authorised in advance. The rates of pay, the approval process and the rules on time off in lieu are set out in the On-Call and Overtime Policy, which also covers the standby rotas for IT, transport planning, depot management and fleet maintenance.",
                ),
            ],
            [
                ("h", "5. Probationary period"),
                (
                    "p",
                    "All new employees, including people who join us permanently after an agency placement, serve a probationary period of six months from their first day of employment. Probation gives you and your manager the opportunity to confirm that the role, the team and the company are right for you. During probation you will have structured review meetings with your line manager at the end of your first, third and fifth months, each recorded on form HR-220 (Probation Review) and stored on your personnel file.",
                ),
                (
                    "p",
                    "At the final review your manager will either confirm your appointment, extend your probation or end your employment. An extension may be agreed once only and for a maximum of three further months, for example where there has been significant absence or where specific objectives have not yet been met. The reasons for any extension, and the targets you need to meet, will be confirmed to you in writing within five working days of the review.",
                ),
                ("h", "5.1 Notice during probation"),
                (
                    "p",
                    "During the probationary period, including any extension, either party may end the employment by giving one week's written notice. After successful completion of probation, the longer notice periods set out in section 15 of this handbook apply.",
                ),
                ("h", "5.2 Benefits that start after probation"),
                (
                    "p",
                    "Holiday accrues from your first day and you may book leave during probation with your manager's approval. Some arrangements are only available once probation has been successfully completed: regular remote working under the Remote Work Policy, the personal development budget and study leave under the Training and Development Policy, the option to buy extra holiday, and the company sick pay described in section 9 of this handbook.",
                ),
                ("h", "5.3 Support for new starters"),
                (
                    "p",
                    "Every new starter is assigned an induction buddy from outside their immediate team for their first three months. The buddy is a friendly first point of contact for practical questions about systems, sites and people, and is not involved in assessing your performance. Your induction plan, including the mandatory safety and data protection modules, is issued by your line manager on your first day and must be completed within your first four weeks. Drivers additionally complete a two-day vehicle and route familiarisation before their first solo journey.",
                ),
            ],
            [
                ("h", "6. Pay and payroll"),
                (
                    "p",
                    "Salaries are paid monthly in arrears by bank transfer on the 25th day of each month. If the 25th falls on a Saturday, Sunday or bank holiday, you will be paid on the last working day before it. Hourly-paid depot and warehouse staff are paid monthly on the same date; their pay covers basic hours for the current month and any overtime, shift premiums and adjustments for the previous month.",
                ),
                (
                    "p",
                    "Your payslip is published in the PeoplePoint portal three working days before payday. Paper payslips are no longer issued unless you do not have access to a computer or phone at work, in which case the HR Service Centre will arrange a printed copy. Please check your payslip each month and report any error to the Payroll team as soon as possible.",
                ),
                ("h", "6.1 Payroll cut-off"),
                (
                    "p",
                    "The monthly payroll cut-off date is the 10th of the month. Changes to bank details, overtime claims, shift premium records and approved expense claims received by the cut-off are processed in that month's pay; anything received after the 10th is processed in the following month. Bank details must be changed by you in PeoplePoint. For security reasons the Payroll team will never accept new bank details by email or telephone, and will never ask you for your password.",
                ),
                ("h", "6.2 Overpayments and advances"),
                (
                    "p",
                    "If you are overpaid, you must tell the Payroll team. The overpayment will be recovered from your next salary payment or, where the amount is more than 20 percent of your net monthly pay, in agreed instalments. Salary advances are only available in exceptional circumstances, are limited to one advance in any twelve-month period, and require the approval of the Head of People.",
                ),
                ("h", "6.3 Pay reviews"),
                (
                    "p",
                    "Pay is reviewed once a year with effect from 1 July. Any increase is confirmed to you in a letter from the People team by the end of June. Promotions and changes of role may result in pay changes at other times of the year.",
                ),
                ("h", "6.4 Tax and statutory deductions"),
                (
                    "p",
                    "Income tax and National Insurance contributions are deducted through PAYE. Questions about your tax code should be directed to HM Revenue and Customs, while questions about how a deduction has been calculated should be sent to payroll@meridianfreight.co.uk.",
                ),
            ],
            [
                ("h", "7. Reporting sickness and other absence"),
                (
                    "p",
                    "If you are unable to come to work because of illness or injury, you must speak to your line manager personally by telephone, not by text message or email, before 09:30 on your first day of absence. Depot, warehouse and driving staff must call their shift supervisor at least two hours before the start of their shift so that cover can be arranged. If you cannot reach your manager, call the HR Service Centre on extension 4100. Tell us why you are absent and when you expect to return, and keep your manager informed if the absence continues.",
                ),
                ("h", "8. Evidence of sickness"),
                (
                    "p",
                    "For absences of up to seven calendar days you may self-certify by completing the self-certification form in PeoplePoint on your first day back. If you are absent for more than seven calendar days, including weekends and days you would not normally work, you must obtain a fit note from your GP or a hospital doctor and send it to the HR Service Centre. Further fit notes must be provided to cover the whole period of absence without gaps.",
                ),
                (
                    "p",
                    "When you return from any period of sickness absence, your line manager will hold a short return-to-work conversation with you on your first day back. Its purpose is to welcome you back, to check that you are fit to work, and to discuss any support or adjustments that may help, including a referral to occupational health.",
                ),
                ("h", "9. Sick pay"),
                (
                    "p",
                    "Statutory Sick Pay is paid to eligible employees in accordance with the law. In addition, once you have completed your probationary period you are entitled to company sick pay of full basic pay for up to four weeks, followed by half basic pay for a further four weeks, in any rolling twelve-month period. Company sick pay is conditional on following the reporting and evidence rules above and may be withheld where they are not followed.",
                ),
                ("h", "10. Other absence"),
                (
                    "p",
                    "Time off for medical and dental appointments should be arranged outside core hours, or at the beginning or end of the working day, wherever possible. Time off for emergencies involving dependants, bereavement, jury service, volunteering and moving house is covered by the Leave Policy. Absence that has not been authorised or reported in line with this section is unpaid and may lead to disciplinary action.",
                ),
            ],
            [
                ("h", "11. Dress code and appearance"),
                (
                    "p",
                    "We want our people to look professional and to be safe. The standard for office staff at the Leeds head office is smart casual: for example collared shirts, blouses, knitwear, chinos, smart trousers, skirts or dresses. Jeans and trainers in good condition may be worn on Fridays, and on any other day on which you have no external meetings. When meeting customers, suppliers or visitors, or when representing Meridian Freight at external events, business dress is expected unless the host has said otherwise. Clothing with offensive slogans or images is never acceptable.",
                ),
                ("h", "11.1 Operational areas"),
                (
                    "p",
                    "Anyone entering a warehouse, yard or loading bay, including office staff and visitors, must wear a high-visibility vest or jacket and safety footwear meeting at least standard S3. Warehouse and yard staff are issued with two sets of company uniform, a high-visibility jacket, a waterproof jacket and a pair of safety boots on joining, and with replacements when items become worn or damaged. Drivers must wear the company uniform polo shirt or fleece when making collections and deliveries. Loose jewellery, scarves and untied long hair are not permitted near conveyors or moving machinery.",
                ),
                ("h", "11.2 Religious dress and adjustments"),
                (
                    "p",
                    "We respect religious and cultural dress and will agree reasonable adjustments to the dress code, for example for headwear, provided that safety requirements are still met. If you need an adjustment for medical, disability, religious or any other reason, speak to your line manager or the HR Service Centre.",
                ),
                ("h", "12. Personal conduct"),
                (
                    "p",
                    "All employees are expected to behave with honesty, courtesy and respect towards colleagues, customers and members of the public. Detailed standards on gifts and hospitality, conflicts of interest, bribery, social media and the use of alcohol and drugs are set out in the Code of Conduct. Smoking and vaping are only permitted in the designated shelters at each site, and never in vehicles, buildings or loading bays. Mobile phones must not be used while operating machinery or driving, including when stationary in traffic.",
                ),
            ],
            [
                ("h", "13. Grievance procedure"),
                (
                    "p",
                    "A grievance is a concern, problem or complaint about your work, your working conditions or your relationships with colleagues that you wish to raise with the company. Most issues can be resolved quickly and informally by talking to your line manager, and we encourage you to try this first. If your grievance concerns your line manager, you may raise it informally with their manager or with the HR Service Centre instead.",
                ),
                ("h", "13.1 Stage one: formal grievance"),
                (
                    "p",
                    "If the matter is not resolved informally, or is too serious to be dealt with informally, you should raise a formal grievance in writing using form HR-310 (Formal Grievance), sent to the HR Service Centre within 20 working days of the incident or of the end of the informal discussions. The form asks you to describe the problem, give relevant dates and names, and explain what outcome you are seeking.",
                ),
                (
                    "p",
                    "A manager who has not been involved in the matter will be appointed to hear the grievance and will invite you to a grievance meeting, which will normally take place within 10 working days of receipt of your form. You may be accompanied at the meeting by a work colleague or a trade union representative. The hearing manager may adjourn the meeting to carry out further investigation. You will receive the outcome in writing within five working days of the meeting, or of the end of any further investigation.",
                ),
                ("h", "13.2 Stage two: appeal"),
                (
                    "p",
                    "If you are not satisfied with the outcome, you may appeal in writing to the HR Service Centre within 14 calendar days of receiving the outcome letter, stating the grounds of your appeal. The appeal will be heard by a Director who has not previously been involved. The decision of the appeal hearing is final.",
                ),
                ("h", "13.3 Bullying, harassment and whistleblowing"),
                (
                    "p",
                    "Complaints of bullying, harassment or discrimination are handled under this procedure, although the People team may appoint a specially trained investigator. Concerns about wrongdoing that affects others, such as fraud, safety breaches or breaches of the law, should be raised under the Whistleblowing Policy rather than as a personal grievance.",
                ),
            ],
            [
                ("h", "14. Disciplinary procedure"),
                (
                    "p",
                    "The disciplinary procedure is used where there are concerns about conduct. Before any formal action is taken the matter will be investigated, and you will be invited to a disciplinary hearing with at least 48 hours' written notice and told of your right to be accompanied. Possible outcomes are no action, a verbal warning, a first written warning, a final written warning or dismissal. A verbal warning remains on file for six months, a first written warning for twelve months and a final written warning for eighteen months. Gross misconduct, such as theft, violence, working under the influence of alcohol or drugs or a serious breach of safety rules, may result in dismissal without notice.",
                ),
                ("h", "15. Leaving Meridian Freight"),
                (
                    "p",
                    "If you decide to leave, you must resign in writing to your line manager. The notice that you must give, and the notice that the company will give you, depend on your length of continuous service, as shown in the table below. Employees on management grades M1 and above have a contractual notice period of three months on both sides, which applies instead of the table.",
                ),
                (
                    "t",
                    [
                        ["Length of continuous service", "Notice you must give", "Notice the company gives"],
                        ["During probation", "1 week", "1 week"],
                        ["Probation completed, under 4 years", "4 weeks", "4 weeks"],
                        ["4 years to less than 12 years", "4 weeks", "1 week per complete year"],
                        ["12 years or more", "4 weeks", "12 weeks"],
                    ],
                    (70, 45, 55),
                ),
                (
                    "p",
                    "Before your last day you must return all company property, including your laptop, mobile phone, ID badge, fuel card, keys and uniform, to your line manager. Holiday taken in excess of your pro-rata entitlement will be deducted from your final pay, and any untaken holiday will be paid. Leavers are invited to an exit interview with a member of the People team; the feedback is used anonymously to improve the way we work.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ leave 2023
    {
        "path": "hr/leave-policy-2023.pdf",
        "title": "Leave Policy",
        "lang": "en-GB",
        "front": [
            "Effective 1 January 2023",
            "Document owner: HR Policy Manager",
            "Version 1.0",
        ],
        "pages": [
            [
                ("h", "1. Purpose"),
                (
                    "p",
                    "This policy explains how much paid holiday employees of Meridian Freight Ltd. are entitled to, how holiday is requested and approved, and what happens to holiday that has not been taken by the end of the holiday year. It applies to all employees in the United Kingdom, whether full-time or part-time, permanent or fixed-term. It does not apply to agency workers, whose holiday is managed by their agency, or to employees of Meridian Freight Iberia S.L., who are covered by Spanish law and local policy.",
                ),
                ("h", "2. Holiday year"),
                (
                    "p",
                    "The holiday year runs from 1 January to 31 December. Employees who join or leave part way through the year receive a pro-rata entitlement calculated in whole months of service, rounded up to the nearest half day.",
                ),
                ("h", "3. Annual entitlement"),
                (
                    "p",
                    "Full-time employees are entitled to 25 days of paid annual leave in each holiday year, in addition to the eight usual bank and public holidays in England. After five years of continuous service, the entitlement increases by one day to 26 days. Part-time employees receive a pro-rata entitlement based on their contracted hours, expressed in hours rather than days. Employees who are required to work on a bank holiday receive a day off in lieu, which must be taken within two months.",
                ),
                (
                    "p",
                    "Holiday pay is calculated on the basis of normal pay, including regular overtime and shift premiums received over the previous 52 weeks, so that you are not financially disadvantaged by taking leave.",
                ),
                ("h", "4. Requesting holiday"),
                (
                    "p",
                    "Holiday must be requested through the PeoplePoint portal and approved by your line manager before you make any travel bookings. As a general rule you should give notice of at least twice as many days as the length of the holiday you wish to take; for example, two weeks' notice for a one-week holiday. Managers will respond to requests within five working days. Requests are approved on a first come, first served basis, taking account of the needs of the business and the minimum staffing levels set for each team.",
                ),
                (
                    "p",
                    "Holiday may be taken in half days. Employees may not take more than three consecutive weeks of holiday at one time without the approval of their Director.",
                ),
            ],
            [
                ("h", "5. Peak periods"),
                (
                    "p",
                    "Depot, warehouse and transport planning staff may not normally take more than five consecutive working days of holiday between 15 November and 31 December, which is our busiest trading period. Finance staff should avoid holiday in the first five working days of each quarter, during the close of accounts, unless this has been agreed in advance with the Financial Controller.",
                ),
                ("h", "6. Carrying over unused holiday"),
                (
                    "p",
                    "We encourage all employees to take their full entitlement during the holiday year in order to rest and recover. However, we recognise that this is not always possible. Employees may carry over up to 5 unused vacation days from one holiday year into the next. Carried-over days must be used by 31 March of the following year; any carried-over days not taken by that date will be lost and will not be paid. Days in excess of the five-day limit that remain untaken on 31 December are forfeited.",
                ),
                (
                    "p",
                    "No request is needed for carry-over within this limit: PeoplePoint transfers the balance automatically on 1 January. Managers should review the holiday balances of their team in October each year and encourage employees with large balances to book leave before the end of the year.",
                ),
                ("h", "7. Exceptions"),
                (
                    "p",
                    "Where an employee has been unable to take their holiday because of long-term sickness, or because of maternity, adoption, paternity or shared parental leave, the carry-over limit does not apply to the statutory minimum of four weeks' leave, which may be carried forward and taken within 18 months of the end of the holiday year in which it accrued. Any other exception to this policy must be approved in writing by the Head of People.",
                ),
                ("h", "8. Cancelling holiday"),
                (
                    "p",
                    "Once approved, holiday will only be cancelled by the company in exceptional operational circumstances. If this happens, the company will reimburse any non-refundable costs you have incurred, provided that you can show receipts. If you wish to cancel approved holiday yourself, tell your manager as early as possible and withdraw the request in PeoplePoint.",
                ),
            ],
            [
                ("h", "9. Sickness during holiday"),
                (
                    "p",
                    "If you fall ill during a period of booked holiday, you may treat the affected days as sick leave rather than holiday, provided that you notify your line manager on the first day of illness in the usual way and, for illness lasting more than seven days, provide a fit note. The days of holiday that you were unable to enjoy will be reinstated to your balance and can be rebooked in the normal way.",
                ),
                ("h", "10. Leaving the company"),
                (
                    "p",
                    "When you leave, you will be paid for any accrued but untaken holiday up to your leaving date. If you have taken more holiday than you have accrued, the excess will be deducted from your final salary. Your manager may ask you to take some or all of your outstanding holiday during your notice period, giving you at least twice as many days' notice as the number of days to be taken.",
                ),
                ("h", "11. Special leave"),
                (
                    "p",
                    "In addition to annual leave, managers may grant up to three days of paid compassionate leave on the death of a close relative, and reasonable unpaid time off to deal with genuine emergencies involving dependants. Jury service is unpaid, but the company will top up the allowance paid by the court to normal basic pay for up to ten working days. Any other paid special leave must be approved by the Head of People.",
                ),
                ("h", "12. Bank holidays for shift workers"),
                (
                    "p",
                    "Depots operate on most bank holidays. Shift workers who are rostered to work on a bank holiday receive the day off in lieu described in section 3, in addition to any premium payable under the overtime rules. Shift workers whose rostered rest day falls on a bank holiday also receive a day off in lieu.",
                ),
                ("h", "13. Records and review"),
                (
                    "p",
                    "PeoplePoint records all holiday requests, approvals and balances, and employees can view their current balance at any time. This policy will be reviewed by the HR Policy Manager at least every two years. Questions about this policy should be sent to the HR Service Centre.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ leave 2025
    {
        "path": "hr/leave-policy-2025.pdf",
        "title": "Leave Policy",
        "lang": "en-GB",
        "front": [
            "Effective 1 January 2025",
            "Document owner: HR Policy Manager",
            "Version 2.0 - supersedes the Leave Policy effective 1 January 2023",
        ],
        "pages": [
            [
                ("h", "1. Purpose and scope"),
                (
                    "p",
                    "This policy explains how much paid holiday employees of Meridian Freight Ltd. are entitled to, how holiday is requested and approved, and what happens to holiday that has not been taken by the end of the holiday year. It applies to all employees in the United Kingdom, whether full-time or part-time, permanent or fixed-term. It does not apply to agency workers or to employees of Meridian Freight Iberia S.L., who have their own Spanish policy.",
                ),
                (
                    "p",
                    "This version replaces the Leave Policy effective 1 January 2023 in full. The main changes are an entitlement that increases with length of service, a more generous limit on carrying over unused holiday with a longer period in which to use it, a new option to buy additional holiday, and a clearer statement of the special leave available.",
                ),
                ("h", "2. Holiday year"),
                (
                    "p",
                    "The holiday year runs from 1 January to 31 December. Employees who join or leave part way through the year receive a pro-rata entitlement calculated in whole months of service, rounded up to the nearest half day.",
                ),
                ("h", "3. Annual entitlement"),
                (
                    "p",
                    "Annual leave entitlement for full-time employees increases with length of continuous service, as shown in the table below. Each increase applies from the start of the holiday year following the relevant service anniversary. The entitlement is in addition to the eight usual bank and public holidays in England.",
                ),
                (
                    "t",
                    [
                        ["Years of continuous service", "Annual leave (days)", "Bank holidays (days)"],
                        ["Less than 3 years", "25", "8"],
                        ["3 years to less than 6 years", "26", "8"],
                        ["6 years to less than 10 years", "27", "8"],
                        ["10 years or more", "29", "8"],
                    ],
                    (80, 45, 45),
                ),
                (
                    "p",
                    "Part-time employees receive a pro-rata entitlement based on their contracted hours, expressed in hours rather than days. Employees who are required to work on a bank holiday receive a day off in lieu, which must be taken within two months. Holiday pay includes regular overtime and shift premiums received over the previous 52 weeks.",
                ),
            ],
            [
                ("h", "4. Requesting holiday"),
                (
                    "p",
                    "Holiday must be requested through the PeoplePoint portal and approved by your line manager before you make any travel bookings. As a general rule you should give notice of at least twice as many days as the length of the holiday you wish to take. Managers will respond to requests within five working days, and requests are approved on a first come, first served basis, taking account of business needs and the minimum staffing levels set for each team. Depot, warehouse and transport planning staff may not normally take more than five consecutive working days of holiday between 15 November and 31 December.",
                ),
                ("h", "5. Carrying over unused holiday"),
                (
                    "p",
                    "We encourage all employees to take their full entitlement during the holiday year in order to rest and recover, and managers should review the holiday balances of their team every October. Where this is not possible, employees may carry over up to 8 unused vacation days from one holiday year into the next. Carried-over days must be used by 30 April of the following year. Any carried-over days that have not been taken by 30 April are forfeited and will not be paid, and any days above the eight-day limit that remain untaken on 31 December are also forfeited.",
                ),
                (
                    "p",
                    "No request is needed for carry-over within this limit: PeoplePoint transfers the balance automatically on 1 January and shows carried-over days separately from the new year's entitlement. Carried-over days are always used first when you book holiday between January and April.",
                ),
                ("h", "6. Exceptions to the carry-over limit"),
                (
                    "p",
                    "Where an employee has been unable to take their holiday because of long-term sickness, or because of maternity, adoption, paternity or shared parental leave, the carry-over limit does not apply to the statutory minimum of four weeks' leave. That leave may be carried forward and taken within 18 months of the end of the holiday year in which it accrued. Any other exception must be approved in writing by the Head of People before 31 December.",
                ),
                ("h", "7. Cancelling holiday"),
                (
                    "p",
                    "Once approved, holiday will only be cancelled by the company in exceptional operational circumstances, in which case the company will reimburse non-refundable costs on production of receipts. If you wish to cancel approved holiday yourself, withdraw the request in PeoplePoint as early as possible.",
                ),
            ],
            [
                ("h", "8. Special leave"),
                (
                    "p",
                    "The company recognises that employees sometimes need time away from work for reasons other than holiday. The following types of special leave are available to all UK employees from their first day of employment and do not reduce annual leave entitlement. Requests are made through PeoplePoint, except in emergencies, when you should phone your manager first.",
                ),
                ("h", "8.1 Compassionate leave"),
                (
                    "p",
                    "On the death of a partner, child, parent or sibling, you may take up to five days of paid compassionate leave. On the death of another relative, or of someone with whom you had a similarly close relationship, you may take up to two days of paid leave to attend the funeral. Employees who suffer a pregnancy loss, or whose partner does, are entitled to five days of paid leave. Managers may agree additional unpaid leave or annual leave where needed.",
                ),
                ("h", "8.2 Emergencies involving dependants"),
                (
                    "p",
                    "You are entitled to reasonable time off to deal with unexpected emergencies involving a dependant, such as a sudden illness or the breakdown of care arrangements. The first day of each such absence is paid, up to a maximum of three paid days in any holiday year; further time is unpaid. You are also entitled to one week of unpaid carer's leave in any twelve-month period to provide or arrange care for a dependant with a long-term care need.",
                ),
                ("h", "8.3 Jury service and public duties"),
                (
                    "p",
                    "If you are called for jury service, tell your manager as soon as you receive the summons. The company will top up the loss of earnings allowance paid by the court to your normal basic pay for the full period of service. Reasonable paid time off is also given for duties as a magistrate, school governor or retained firefighter, up to ten days per year.",
                ),
                ("h", "8.4 Volunteering and moving house"),
                (
                    "p",
                    "Every employee may take two days of paid volunteering leave per holiday year to support a registered charity or community organisation, requested with at least four weeks' notice. You may also take one day of paid leave once per holiday year when you move house.",
                ),
            ],
            [
                ("h", "9. Buying additional holiday"),
                (
                    "p",
                    "Employees who have completed their probationary period may buy up to 4 additional days of holiday in each holiday year. The cost of each day is one 260th of annual basic salary and is deducted from salary in equal instalments over the year. Requests are made on form HR-120 (Holiday Purchase) between 1 and 20 November for the following holiday year. Bought days must be taken in the year for which they are bought, cannot be carried over, and are always used after carried-over days and before the normal entitlement.",
                ),
                ("h", "10. Sickness during holiday"),
                (
                    "p",
                    "If you fall ill during a period of booked holiday, you may treat the affected days as sick leave rather than holiday, provided that you notify your line manager on the first day of illness in the usual way and, for illness lasting more than seven days, provide a fit note. The days of holiday that you were unable to enjoy will be reinstated to your balance.",
                ),
                ("h", "11. Leaving the company"),
                (
                    "p",
                    "When you leave, you will be paid for any accrued but untaken holiday up to your leaving date, including carried-over and bought days. If you have taken more holiday than you have accrued, the excess will be deducted from your final salary. Your manager may ask you to take some or all of your outstanding holiday during your notice period.",
                ),
                ("h", "12. Bank holidays for shift workers"),
                (
                    "p",
                    "Depots operate on most bank holidays. Shift workers who are rostered to work on a bank holiday, and those whose rostered rest day falls on a bank holiday, receive a day off in lieu, in addition to any premium payable under the On-Call and Overtime Policy.",
                ),
                ("h", "13. Records and review"),
                (
                    "p",
                    "PeoplePoint records all holiday requests, approvals and balances, and employees can view their current balance at any time. This policy will be reviewed by the HR Policy Manager at least every two years. Questions should be sent to the HR Service Centre.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ expenses
    {
        "path": "finance/expenses-and-travel-policy.pdf",
        "title": "Expenses and Travel Policy",
        "lang": "en-GB",
        "front": [
            "Effective 1 April 2025",
            "Document owner: Financial Controller, Finance Department",
        ],
        "pages": [
            [
                ("h", "1. Purpose and scope"),
                (
                    "p",
                    "This policy sets out the rules for claiming back business expenses and for arranging business travel on behalf of Meridian Freight Ltd. It applies to all UK employees and directors and, where their contract says so, to contractors. The aim is to make sure that you are neither out of pocket nor better off as a result of travelling or spending money on company business, and that the company meets the requirements of HM Revenue and Customs. Employees of Meridian Freight Iberia S.L. follow the Spanish expenses procedure, except when they travel to the UK on group business.",
                ),
                ("h", "2. General principles"),
                (
                    "p",
                    "Expenses must be wholly, exclusively and necessarily incurred in the performance of your duties. You should spend the company's money as carefully as if it were your own, choosing the most economical option that meets the business need. Personal costs, even when incurred while travelling, are not reimbursed. The budget holder approving a claim is responsible for checking that each item is genuine, reasonable and within this policy; knowingly approving an incorrect claim is a disciplinary offence.",
                ),
                (
                    "p",
                    "Expenses may not be claimed for costs that have been paid by a customer or a supplier, or that have already been paid with a corporate card. You must never approve your own expenses or those of a person you report to.",
                ),
                ("h", "3. Approval before travel"),
                (
                    "p",
                    "All overnight or international travel must be approved before any booking is made. Complete a travel request on form TRV-030 in the finance portal, stating the purpose of the trip, the dates, the destination and the estimated cost, and obtain the approval of your budget holder. International travel additionally requires the approval of a Director. Once approved, book rail, flights and hotels through the company's travel management company, Northgate Travel, either online or by calling the Northgate desk. Bookings made directly with airlines or hotels are only reimbursed if they are cheaper than the Northgate option and the saving is documented.",
                ),
                (
                    "p",
                    "Day trips within the UK do not need a TRV-030, but your manager must be aware of your travel in advance.",
                ),
            ],
            [
                ("h", "4. How to claim expenses"),
                (
                    "p",
                    "All out-of-pocket expenses must be claimed on form FIN-220 (Expense Claim), submitted through the finance portal within 30 days of the date on which the expense was incurred. Each line of the claim must show the date, the supplier, the business purpose and, for meals and hospitality, the names of everyone present. Claims submitted more than 30 days after the expense will only be paid with the written approval of the Financial Controller, and claims more than 90 days old will not be paid at all.",
                ),
                ("h", "4.1 Receipts"),
                (
                    "p",
                    "An original itemised receipt must be attached for every item over 25 GBP. A credit card slip on its own is not an itemised receipt. For items of 25 GBP or less, a receipt should be attached where one is available, but a clear description of the expense is acceptable. If a receipt for an item over 25 GBP has been lost, you must complete a Missing Receipt Declaration on form FIN-225, countersigned by your budget holder; no more than two missing receipt declarations will be accepted from any employee in a twelve-month period. Where the supplier is VAT registered, the receipt must be a valid VAT receipt so that the company can reclaim the VAT.",
                ),
                ("h", "4.2 Approval and payment"),
                (
                    "p",
                    "Your budget holder should approve or query the claim within five working days of submission. Finance checks a sample of approved claims each month against this policy. Approved claims received by the payroll cut-off on the 10th of the month are reimbursed with that month's salary; claims approved later are paid with the following month's salary. Reimbursement is always made to the bank account held by Payroll and never in cash.",
                ),
                ("h", "4.3 Foreign currency"),
                (
                    "p",
                    "Expenses incurred in a foreign currency should be claimed in that currency; the finance portal converts them at the published rate on the date of the expense. Where you paid with a personal card, you may also claim the bank's foreign transaction charges if you attach the relevant statement.",
                ),
            ],
            [
                ("h", "5. Travel"),
                ("h", "5.1 Rail"),
                (
                    "p",
                    "Standard class rail travel is the norm for all employees. First class may be booked only where the journey time is longer than four hours each way, or where an advance first class fare is cheaper than the flexible standard fare. Railcards bought for personal use are not reimbursed, but you should use one on business journeys if you have it.",
                ),
                ("h", "5.2 Air travel"),
                (
                    "p",
                    "Flights must be booked in economy class. Premium economy may be booked for flights with a scheduled duration of more than six hours. Business class is never reimbursed. Checked baggage is reimbursed where you need to carry equipment or are away for more than three nights.",
                ),
                ("h", "5.3 Using your own vehicle"),
                (
                    "p",
                    "If you use your own car or van for business journeys, you may claim a mileage allowance of 0.45 GBP per mile for the first 10,000 business miles in each tax year and 0.25 GBP per mile thereafter, in line with the HMRC approved mileage allowance payments. This rate covers fuel, insurance, wear and tear and depreciation, so no separate claim may be made for fuel. You may also claim 0.05 GBP per mile for each colleague who travels with you on the same business journey. Motorcycles are reimbursed at 0.24 GBP per mile and bicycles at 0.20 GBP per mile.",
                ),
                (
                    "p",
                    "Mileage is claimed on form FIN-220 with the start and end postcode of each journey. Normal commuting between home and your usual place of work cannot be claimed. If you travel directly from home to a temporary place of work, you may claim only the business miles in excess of your normal commute. Your vehicle must be insured for business use; the company does not reimburse the cost of this cover.",
                ),
                ("h", "5.4 Taxis, parking and tolls"),
                (
                    "p",
                    "Taxis may be used when no suitable public transport is available, when you are carrying heavy equipment, or when travelling between 22:00 and 06:00. Parking charges, bridge and road tolls and congestion charges incurred on business journeys are reimbursed. Parking fines, speeding fines and other penalty charges are personal and are never reimbursed.",
                ),
            ],
            [
                ("h", "6. Accommodation and subsistence"),
                (
                    "p",
                    "When an overnight stay is approved, hotels should be booked through Northgate Travel within the nightly limits below, which include VAT and local taxes. Breakfast should be included in the room rate wherever possible. If you stay with friends or family instead of in a hotel, you may claim a flat 20 GBP per night towards your hosts' costs without receipts.",
                ),
                (
                    "p",
                    "The daily meal allowance covers breakfast (if it is not included), lunch, dinner and non-alcoholic drinks for each full day away from your usual place of work. It is reimbursed against receipts up to the limit and is not a flat payment. Limits are per person and cannot be pooled between colleagues or carried over between days.",
                ),
                (
                    "t",
                    [
                        ["Location", "Hotel per night (max)", "Meals per day (max)"],
                        ["London (inside the M25)", "185 GBP", "55 GBP"],
                        ["Manchester", "115 GBP", "40 GBP"],
                        ["Birmingham", "105 GBP", "40 GBP"],
                        ["Leeds, Immingham and Daventry", "90 GBP", "35 GBP"],
                        ["Other UK locations", "100 GBP", "38 GBP"],
                        ["Madrid", "150 EUR", "50 EUR"],
                        ["Valencia", "125 EUR", "45 EUR"],
                        ["Rotterdam", "160 EUR", "52 EUR"],
                        ["Other European cities", "140 EUR", "48 EUR"],
                    ],
                    (80, 45, 45),
                ),
                (
                    "p",
                    "Higher limits for a specific trip, for example during a major trade fair, must be approved in advance by the Financial Controller as part of the travel request. On day trips without an overnight stay, trips of more than five hours away from your usual workplace qualify for a lunch allowance of up to 12 GBP, and trips of more than ten hours for a meal allowance of up to 22 GBP, again against receipts.",
                ),
                (
                    "p",
                    "Alcohol is not reimbursed as part of subsistence. Minibar items, in-room films, personal telephone calls and laundry for stays of fewer than five nights are also excluded.",
                ),
            ],
            [
                ("h", "7. Corporate cards"),
                (
                    "p",
                    "Employees who travel frequently may be issued with a corporate card on the recommendation of their Director. The card is for business expenses only and must never be used for cash withdrawals, except in countries where card payment is not generally accepted and then only with prior approval from Finance. Cardholders must reconcile their transactions in the finance portal, attaching receipts under the same rules as for FIN-220 claims, by the fifth working day of the following month. Cards with unreconciled transactions older than 60 days are suspended until the transactions are reconciled.",
                ),
                ("h", "8. Client hospitality and staff entertaining"),
                (
                    "p",
                    "Entertaining customers or suppliers must have a clear business purpose and be reasonable in cost. Giving hospitality that costs more than 75 GBP per head requires the prior approval of a Director, and all hospitality given must be recorded in the Gifts and Hospitality Register described in the Code of Conduct. Team meals and other staff entertainment are paid from departmental budgets only with the approval of the budget holder, and are limited to 35 GBP per head.",
                ),
                ("h", "9. Items that are not reimbursed"),
                (
                    "p",
                    "The following are never reimbursed: personal travel insurance, because business trips are covered by the company's own policy; passports and visas for personal travel; clothing, toiletries and personal grooming; gifts for colleagues; airline lounge access and seat or cabin upgrades; tips above 10 percent of the bill; fines and penalty charges; and any cost that would be incurred even if you were not travelling on business. If you are unsure whether an item can be claimed, ask Finance before you spend the money.",
                ),
                ("h", "10. Breaches of this policy"),
                (
                    "p",
                    "Submitting a false or inflated claim, or claiming the same cost twice, is fraud and will be treated as gross misconduct under the disciplinary procedure. Finance may recover any overpaid expenses from salary. Questions about this policy should be sent to expenses@meridianfreight.co.uk or to the Financial Controller.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ IT security
    {
        "path": "it/acceptable-use-and-security-policy.pdf",
        "title": "IT Acceptable Use and Security Policy",
        "lang": "en-GB",
        "front": [
            "Effective 15 March 2025",
            "Document owner: Head of IT Security",
        ],
        "pages": [
            [
                ("h", "1. Purpose and scope"),
                (
                    "p",
                    "This policy describes how employees, contractors and agency workers must use the computers, phones, networks, applications and data provided by Meridian Freight Ltd. Our business depends on systems such as the RouteLine transport management system, the warehouse scanners and the finance portal being available and trustworthy, and a single careless click can stop lorries leaving the yard. The policy applies to all company devices and accounts, and to any personal device used to access company email or data, at the Leeds head office, at the depots and when working remotely.",
                ),
                ("h", "2. Acceptable use"),
                (
                    "p",
                    "Company systems are provided for business purposes. Limited personal use, such as checking a personal bank account or booking a medical appointment during a break, is allowed provided that it does not interfere with your work, does not involve large downloads and does not breach any other part of this policy. You must not use company systems to access, store or send material that is illegal, sexually explicit, discriminatory or harassing; to run a personal business; to mine cryptocurrency; or to gamble.",
                ),
                (
                    "p",
                    "Software may only be installed from the Company Portal catalogue. If you need software that is not in the catalogue, raise a request with the IT Service Desk so that it can be assessed for security and licensing. Company files must be stored in OneDrive or SharePoint, not on personal cloud storage services, personal email accounts or the local disk of a laptop.",
                ),
                ("h", "3. Monitoring"),
                (
                    "p",
                    "To protect the company and its customers, IT monitors the use of company systems, including web traffic, email metadata, login events and data transfers. Logs are kept for 12 months. Monitoring is carried out in line with the Data Protection Policy, and the content of individual communications is only examined where there is a specific reason to do so, with the approval of the Head of IT Security and the Head of People.",
                ),
            ],
            [
                ("h", "4. Passwords"),
                (
                    "p",
                    "All passwords for company accounts must be at least 14 characters long. We recommend that you use a passphrase made up of three or four unrelated words, which is easier to remember and harder to guess than a short complex password. Your password must not contain your name, your username or the word Meridian, and you may not reuse any of your last 10 passwords. The same password must never be used for a company account and a personal account.",
                ),
                (
                    "p",
                    "You do not need to change your password on a schedule, but you must change it immediately if you think that it may have been seen or stolen, and report this to the IT Service Desk. Accounts are locked after 6 consecutive failed login attempts and can be unlocked by the Service Desk after your identity has been checked. Every employee is given access to the corporate password manager, Bitwarden, which should be used to generate and store passwords for business websites. Never write passwords down, share them with anyone, including IT staff, or send them by email or chat.",
                ),
                ("h", "5. Multi-factor authentication"),
                (
                    "p",
                    "Multi-factor authentication (MFA) is mandatory for email, Microsoft 365, the VPN, RouteLine, PeoplePoint and the finance portal. The standard method is the Microsoft Authenticator app with number matching, installed on your company phone or, if you do not have one, on your personal phone. SMS codes may only be used as a backup method. IT administrators and anyone with access to payment systems must use a FIDO2 hardware security key issued by IT.",
                ),
                (
                    "p",
                    "Never approve an MFA prompt that you did not expect. Attackers who already know a password sometimes send repeated prompts in the hope that the user will approve one to make them stop. An unexpected prompt means that someone may know your password: deny the prompt, change your password and report it as a security incident.",
                ),
            ],
            [
                ("h", "6. Email and phishing"),
                (
                    "p",
                    "Phishing emails try to trick you into clicking a link, opening an attachment, entering your password or making a payment. Warning signs include an unexpected request for urgent action, a sender address that does not match the display name, a request to change bank details, a shared document you were not expecting, and messages marked EXTERNAL that claim to come from a colleague.",
                ),
                (
                    "p",
                    "If you receive a suspicious email, use the Report Phish button in Outlook. If the button is not available, for example on a phone, forward the email as an attachment to security@meridianfreight.co.uk and then delete it. Do not forward suspicious messages to colleagues, do not reply to the sender and do not click any links to see what happens. The security team reviews every report and will tell you whether the message was genuine.",
                ),
                (
                    "p",
                    "If you have already clicked a link, opened an attachment or entered your password, call the IT Service Desk straight away on extension 4400. Acting quickly allows the team to reset your password and isolate your device before any damage is done. Nobody will be disciplined for reporting a mistake promptly.",
                ),
                ("h", "6.1 Payment fraud"),
                (
                    "p",
                    "Any request to change a supplier's or customer's bank details, or an unusual request from a senior manager to make an urgent payment, must be verified by telephone using a number already held in our records, never a number given in the email itself.",
                ),
                ("h", "6.2 Phishing simulations"),
                (
                    "p",
                    "The security team sends simulated phishing emails to all staff every month. Employees who click on two simulated phishing emails within six months must complete a 20-minute refresher module within 14 days.",
                ),
            ],
            [
                ("h", "7. Laptops, phones and removable media"),
                (
                    "p",
                    "All company laptops are protected with BitLocker full-disk encryption, with a PIN required at start-up, and the recovery keys are held centrally by IT. You must not disable or attempt to bypass encryption, antivirus software or the device management agent. Company phones are enrolled in Microsoft Intune, which enforces a six-digit passcode and encrypts the device.",
                ),
                (
                    "p",
                    "Screens lock automatically after 10 minutes of inactivity, but you must lock your screen manually, using Windows key and L, whenever you leave your device unattended, including at home. USB memory sticks and external hard drives are blocked on company laptops. If you have a business need to use removable media, for example to receive files from a customs authority, request an exception on form IT-330, which must be approved by the Head of IT Security.",
                ),
                (
                    "p",
                    "Personal phones and tablets may only be used to access company email and Teams through the Outlook and Teams apps after registering them in Intune. You must not store company data on a personal computer. When working away from the office, connect through the always-on company VPN; public Wi-Fi in hotels, stations and cafes may be used only with the VPN connected. Tell the IT Service Desk at least five working days before taking a company device outside the UK and the European Economic Area.",
                ),
                ("h", "8. Lost or stolen devices"),
                (
                    "p",
                    "If a company laptop, phone, tablet, security key or ID badge is lost or stolen, report it to the IT Service Desk immediately, and in any case within 1 hour of noticing the loss, on extension 4400 or on 0113 496 0400, which is answered 24 hours a day. The Service Desk will remotely lock and wipe the device and disable any access tokens stored on it. If a device has been stolen, also report the theft to the police and give the crime reference number to the Service Desk. A replacement laptop will normally be issued within two working days.",
                ),
            ],
            [
                ("h", "9. Reporting security incidents"),
                (
                    "p",
                    "A security incident is any event that could compromise the confidentiality, integrity or availability of company systems or data. Examples include a suspected virus, an email sent to the wrong person containing personal or commercial data, a colleague sharing their password, an unknown person in a secure area, unexpected MFA prompts and ransom messages on screen. Every suspected or actual security incident must be reported to the IT Service Desk within 1 hour of discovery, by telephone on extension 4400 or 0113 496 0400. Do not try to investigate the incident yourself, do not switch off an affected device unless asked to, and do not discuss the incident outside the company.",
                ),
                (
                    "p",
                    "The Service Desk records the incident and assigns a severity, which determines how quickly the security team responds. Incidents involving personal data are also passed to the Data Protection Officer, who decides whether the Information Commissioner's Office must be notified.",
                ),
                (
                    "t",
                    [
                        ["Severity", "Examples", "Response target"],
                        [
                            "P1 Critical",
                            "Ransomware; compromise of RouteLine or the finance portal",
                            "30 minutes, 24/7",
                        ],
                        ["P2 High", "Compromised account; lost device with sensitive data", "2 hours"],
                        ["P3 Medium", "Malware blocked on one device; misdirected email", "1 working day"],
                        ["P4 Low", "Spam; general security questions", "3 working days"],
                    ],
                    (35, 95, 40),
                ),
                ("h", "10. Breaches of this policy"),
                (
                    "p",
                    "Breaches of this policy may lead to the withdrawal of system access and to disciplinary action, up to and including dismissal, and serious breaches may be reported to the police. Exceptions to any part of this policy must be approved in writing by the Head of IT Security and are reviewed every six months. Questions about this policy should be raised with the IT Service Desk.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ health and safety
    {
        "path": "operations/health-and-safety-policy.pdf",
        "title": "Health and Safety Policy",
        "lang": "en-GB",
        "front": [
            "Effective 1 June 2024",
            "Document owner: Health and Safety Manager (Gareth Lowe)",
        ],
        "pages": [
            [
                ("h", "1. Statement of intent"),
                (
                    "p",
                    "Meridian Freight Ltd. is committed to providing a safe and healthy working environment for its employees, agency workers, contractors, drivers and visitors. Our operations involve heavy goods vehicles, forklift trucks, racking, loading docks and manual handling, and we accept that these activities carry real risks that must be managed every day. We will comply with the Health and Safety at Work etc. Act 1974 and all related regulations, and we aim to go beyond legal minimum standards wherever reasonably practicable. This statement is signed by the Managing Director, Andrew Whitcombe, and displayed at every site.",
                ),
                ("h", "2. Responsibilities"),
                (
                    "p",
                    "The Managing Director has overall responsibility for health and safety across the company and reports on safety performance to the Board every quarter. The Health and Safety Manager advises managers, maintains this policy, coordinates risk assessments, investigates serious incidents and acts as the company's contact with the Health and Safety Executive. Site managers are responsible for putting this policy into practice at their site, including making sure that risk assessments are carried out, that safe systems of work are followed and that enough trained fire wardens and first aiders are available.",
                ),
                (
                    "p",
                    "Every employee must take reasonable care of their own safety and that of others, follow the training and instructions they have been given, use the protective equipment provided, and report hazards, accidents and near misses. You have the right to stop any task that you believe is unsafe, and you will not be criticised for doing so in good faith.",
                ),
                ("h", "3. Consultation and risk assessment"),
                (
                    "p",
                    "A Health and Safety Committee, made up of managers and elected employee representatives from each site, meets every quarter to review accident statistics, audits and proposed changes. Risk assessments are reviewed at least once a year, and whenever there is a significant change to equipment, layout or working methods, or after a serious incident.",
                ),
            ],
            [
                ("h", "4. Fire safety"),
                (
                    "p",
                    "Every site has trained fire wardens. At the Leeds head office there is at least one fire warden on each floor, and at the depots there is at least one fire warden on every shift. Fire wardens wear orange high-visibility tabards during an evacuation, check their area is clear, and report to the Fire Warden in Charge at the assembly point. Fire warden training is provided by an external trainer and must be refreshed every three years. If you would like to become a fire warden, speak to your site manager.",
                ),
                (
                    "p",
                    "The fire alarm at each site is tested every Wednesday at 11:00. The test lasts less than one minute and you do not need to leave the building. If the alarm sounds at any other time, or continues for more than one minute during the test, you must evacuate immediately by the nearest safe exit. Full evacuation drills are held twice a year at every site, and the results are reviewed by the Health and Safety Committee.",
                ),
                ("h", "4.1 Evacuation and assembly points"),
                (
                    "p",
                    "When the alarm sounds, stop work, leave the building by the nearest exit without collecting personal belongings, and close doors behind you. Do not use the lifts. The assembly point for the Leeds head office is Car Park B, next to the gatehouse on Stourton Link. At Immingham the assembly point is Muster Point 2, beside the weighbridge, and at Daventry it is the front visitor car park. Do not re-enter the building until the Fire Warden in Charge tells you it is safe to do so.",
                ),
                (
                    "p",
                    "Anyone who may need help to evacuate, for example because of a mobility impairment or a temporary injury, will have a Personal Emergency Evacuation Plan agreed with the Health and Safety Manager. Visitors are escorted by their host.",
                ),
                ("h", "4.2 Fire prevention"),
                (
                    "p",
                    "Fire doors must never be wedged open, escape routes must be kept clear, and pallets and packaging must not be stored within two metres of a fire exit. Only people who have completed fire extinguisher training may tackle a fire, and only if it is small and they have a clear escape route. Portable heaters are not permitted at any site.",
                ),
            ],
            [
                ("h", "5. First aid"),
                (
                    "p",
                    "Each site has qualified first aiders, whose names and photographs are displayed on the noticeboard next to every first aid kit. There is at least one qualified first aider on every shift at each depot, and at least one first aider for every 50 employees at the Leeds head office. First aid kits are checked every month by appointed persons, and eye-wash stations are provided in all battery charging areas. Defibrillators are located at Leeds reception and at the Immingham gatehouse. In a medical emergency, call a first aider and, if needed, dial 999 and then inform site security so that the ambulance can be met at the gate.",
                ),
                ("h", "6. Reporting accidents and near misses"),
                (
                    "p",
                    "All accidents, injuries, near misses and dangerous occurrences must be recorded within 24 hours of the event, either in the accident book held at each site reception or on form HS-501 (Accident and Near Miss Report) in PeoplePoint. This applies however minor the injury seems, and includes incidents involving visitors, contractors and drivers from other companies. If the injured person cannot make the record themselves, their supervisor must do so. Near misses are just as important as accidents, because they tell us where the next accident is likely to happen.",
                ),
                (
                    "p",
                    "The line manager must investigate every accident and near miss, and record the findings and actions in PeoplePoint, within five working days. Serious accidents are investigated by the Health and Safety Manager, who is also responsible for reporting incidents to the Health and Safety Executive under RIDDOR. Injuries that keep a worker off normal duties for more than seven consecutive days must be reported to the HSE within 15 days of the accident, so it is essential that absence following an accident is recorded accurately.",
                ),
                ("h", "7. Occupational health"),
                (
                    "p",
                    "The company uses an external occupational health provider for pre-placement medicals for drivers and forklift operators, for health surveillance such as hearing checks in noisy areas, and for advice on returning to work after illness or injury. Managers make referrals through the HR Service Centre.",
                ),
            ],
            [
                ("h", "8. Workplace transport"),
                (
                    "p",
                    "Vehicles and people must be kept apart wherever possible. The speed limit in all yards is 5 mph. Pedestrians must use the marked walkways and crossings, and must never walk behind a reversing vehicle. Reversing heavy goods vehicles must be guided by a trained banksman unless the bay has working reversing sensors and cameras. Drivers from other companies must wait in the drivers' rest room while their vehicle is loaded and must hand their keys to the gatehouse.",
                ),
                ("h", "9. Forklift trucks and manual handling"),
                (
                    "p",
                    "Only employees who hold a valid forklift licence issued by an accredited trainer, and who have been authorised in writing by their site manager, may operate forklift trucks or other powered handling equipment. Operators complete refresher training and a practical assessment every three years. Daily pre-use checks must be recorded on the check sheet kept with each truck. All warehouse staff receive manual handling training within their first four weeks of employment, and loads over 20 kg must be moved with mechanical aids or by two people.",
                ),
                ("h", "10. Display screen equipment"),
                (
                    "p",
                    "Office staff and remote workers who use a computer for an hour or more at a time must complete the display screen equipment self-assessment in PeoplePoint within their first month. The company pays for an eye test every two years for screen users and contributes up to 75 GBP towards glasses needed only for screen work.",
                ),
                ("h", "11. Stress, wellbeing and lone working"),
                (
                    "p",
                    "Work-related stress is treated as a health and safety risk like any other. Managers carry out stress risk assessments for their teams, and employees can speak in confidence to a trained Mental Health First Aider at each site. Night-shift yard staff working alone must check in with the security office every two hours using their radio. Any concern about health and safety that cannot be resolved locally should be raised with the Health and Safety Manager on extension 4310.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ parental leave
    {
        "path": "hr/parental-leave-policy.pdf",
        "title": "Parental Leave Policy",
        "lang": "en-GB",
        "front": [
            "Effective 1 September 2024",
            "Document owner: HR Policy Manager",
        ],
        "pages": [
            [
                ("h", "1. Purpose and scope"),
                (
                    "p",
                    "This policy describes the leave and pay available to UK employees of Meridian Freight Ltd. who are expecting a baby, adopting a child or having a child through surrogacy. It covers maternity and adoption leave, paternity and partner leave, shared parental leave, time off for antenatal appointments and unpaid parental leave. The policy applies equally to employees in same-sex relationships and to all family structures. Where statutory rights are more favourable than this policy, the statutory rights apply.",
                ),
                ("h", "2. Maternity and adoption leave"),
                (
                    "p",
                    "All employees who are pregnant, or who are the main adopter of a child, are entitled to up to 52 weeks of maternity or adoption leave, regardless of their length of service. The leave is made up of 26 weeks of ordinary leave followed by 26 weeks of additional leave. Maternity leave can start at any time from the 11th week before the expected week of childbirth. It starts automatically if you are absent for a pregnancy-related reason in the four weeks before the expected week of childbirth. The two weeks immediately after the birth are compulsory maternity leave, during which you may not work.",
                ),
                ("h", "3. Enhanced maternity and adoption pay"),
                (
                    "p",
                    "Employees who have at least 26 weeks of continuous service by the end of the 15th week before the expected week of childbirth, or by the week in which they are matched with a child for adoption, receive enhanced company pay as follows: 18 weeks at full basic pay, followed by Statutory Maternity Pay or Statutory Adoption Pay for weeks 19 to 39, and the remaining weeks unpaid. The full-pay weeks include any statutory pay due for the same period.",
                ),
                (
                    "p",
                    "Enhanced pay is conditional on returning to work for at least six months after the end of your leave. If you do not return, or leave within six months of returning, you will be asked to repay the enhanced element of the pay, that is the amount paid above the statutory rate. This condition does not apply if you are made redundant or cannot return for reasons of ill health.",
                ),
                (
                    "p",
                    "Employees who do not meet the service requirement may still qualify for Statutory Maternity Pay or Statutory Adoption Pay, or for Maternity Allowance paid by the government.",
                ),
            ],
            [
                ("h", "4. Telling us about your leave"),
                (
                    "p",
                    "To take maternity leave you must notify the company by the end of the 15th week before the expected week of childbirth, using form HR-140 (Parental Leave Notification) in PeoplePoint, and send the MATB1 certificate issued by your midwife or doctor to the HR Service Centre. For adoption leave, submit the form within seven days of being matched with a child. The HR Service Centre will confirm your return date in writing within 28 days. If you wish to change your return date, give at least eight weeks' notice.",
                ),
                ("h", "5. Paternity and partner leave"),
                (
                    "p",
                    "If you are the father, the partner of the birth mother, or the partner of the main adopter, you are entitled to two weeks of paternity leave, which the company pays at full basic pay provided that you have at least 26 weeks of continuous service by the 15th week before the expected week of childbirth. The leave may be taken as one block of two weeks or as two separate blocks of one week, at any time within 52 weeks of the birth or placement. You must give at least 28 days' notice of each period of leave, using form HR-140.",
                ),
                ("h", "6. Shared parental leave"),
                (
                    "p",
                    "Eligible parents may share up to 50 weeks of leave and up to 37 weeks of pay in the first year after the birth or placement, by ending maternity or adoption leave early. Shared parental leave is paid at the statutory rate only. You must give at least eight weeks' notice of each period of shared parental leave, and may submit up to three separate notifications. The HR Service Centre can provide a calculator to help you plan how to share your leave.",
                ),
                ("h", "7. Keeping in touch"),
                (
                    "p",
                    "During maternity or adoption leave you may work for up to 10 keeping in touch (KIT) days, and during shared parental leave for up to 20 shared parental leave in touch (SPLIT) days, without bringing your leave to an end. These days are voluntary, must be agreed with your manager and are paid at your normal daily rate of basic pay. Your manager will also agree with you how you would like to be kept informed of news, vacancies and organisational changes while you are away.",
                ),
            ],
            [
                ("h", "8. Antenatal and adoption appointments"),
                (
                    "p",
                    "Pregnant employees are entitled to paid time off to attend antenatal appointments made on the advice of a doctor, midwife or health visitor, including parenting and relaxation classes. Partners may take paid time off to attend two antenatal appointments of up to six and a half hours each; the law only requires this time to be unpaid, but Meridian Freight pays it at normal basic pay. The main adopter may take paid time off for up to five adoption appointments. Please give your manager as much notice as possible and, except for the first appointment, show the appointment card if asked.",
                ),
                ("h", "9. Returning to work"),
                (
                    "p",
                    "After ordinary leave you have the right to return to the same job. After additional leave you have the right to return to the same job or, if that is not reasonably practicable, to a suitable alternative on terms no less favourable. To help you settle back in, you may work reduced hours of at least 80 percent of your contracted hours for your first four weeks back while receiving full basic pay. Employees who wish to change their hours permanently may make a flexible working request at any time, and every request will be considered carefully and answered within two months.",
                ),
                (
                    "p",
                    "A private room for breastfeeding or expressing milk, with a fridge, is available at the Leeds head office in room G.14, and can be booked through reception. Similar arrangements can be made at the depots on request.",
                ),
                ("h", "10. Unpaid parental leave"),
                (
                    "p",
                    "Employees with at least one year of continuous service may take up to 18 weeks of unpaid parental leave for each child, up to the child's 18th birthday. No more than four weeks may be taken for each child in any one year, and leave must be taken in blocks of whole weeks, unless the child is disabled, in which case single days may be taken. You must give at least 21 days' notice. Your manager may postpone the leave for up to six months if the business would be unduly disrupted, except immediately after a birth or adoption.",
                ),
                ("h", "11. Contact"),
                (
                    "p",
                    "Questions about this policy should be sent to the HR Service Centre on extension 4100 or hr@meridianfreight.co.uk. Your line manager will also meet you before your leave starts to agree handover arrangements.",
                ),
            ],
        ],
    },
    # ------------------------------------------------------------------ ES vacaciones
    {
        "path": "es/politica-de-vacaciones-y-permisos.pdf",
        "title": "Política de vacaciones y permisos - Meridian Freight Iberia S.L.",
        "lang": "es-ES",
        "front": [
            "En vigor desde el 1 de febrero de 2025",
            "Responsable del documento: Dirección de Personas de Meridian Freight Iberia S.L. (Valencia)",
        ],
        "pages": [
            [
                ("h", "1. Objeto y ámbito de aplicación"),
                (
                    "p",
                    "Esta política regula las vacaciones anuales, los permisos retribuidos y los días festivos de las personas trabajadoras de Meridian Freight Iberia S.L., filial española de Meridian Freight Ltd., tanto en la oficina de Valencia como en el almacén de Riba-roja de Túria. Se aplica a todo el personal con contrato laboral, sea indefinido o temporal, a jornada completa o a tiempo parcial. No se aplica al personal cedido por empresas de trabajo temporal ni a las personas empleadas en el Reino Unido, que se rigen por la política de la matriz.",
                ),
                (
                    "p",
                    "La política desarrolla lo previsto en los artículos 37 y 38 del Estatuto de los Trabajadores y en el convenio colectivo provincial de transporte de mercancías por carretera de Valencia. En caso de discrepancia, prevalecerá siempre la norma más favorable para la persona trabajadora.",
                ),
                ("h", "2. Duración de las vacaciones"),
                (
                    "p",
                    "Las personas trabajadoras a jornada completa tienen derecho a 23 días laborables de vacaciones retribuidas por cada año natural trabajado. A efectos de esta política, son días laborables los comprendidos de lunes a viernes, excluidos los festivos. Esta duración mejora el mínimo legal de treinta días naturales. Quienes acrediten una antigüedad de 10 años en la empresa disfrutarán de un día laborable adicional, y quienes alcancen los 15 años de antigüedad, de dos días laborables adicionales.",
                ),
                (
                    "p",
                    "Las personas que se incorporen o causen baja a lo largo del año generarán la parte proporcional al tiempo trabajado, redondeada al medio día superior. El personal a tiempo parcial disfruta del mismo número de días laborables, retribuidos en proporción a su jornada.",
                ),
                ("h", "3. Retribución durante las vacaciones"),
                (
                    "p",
                    "Durante las vacaciones se percibe la retribución ordinaria, incluidos los complementos salariales habituales, como el plus de nocturnidad o el plus de turnicidad, calculados según la media de los tres meses anteriores. Las vacaciones no pueden sustituirse por una compensación económica, salvo en el caso de finalización del contrato con días pendientes de disfrutar.",
                ),
            ],
            [
                ("h", "4. Planificación y solicitud"),
                (
                    "p",
                    "Cada departamento elaborará su calendario de vacaciones, que deberá estar aprobado por la Dirección de Personas antes del 31 de marzo de cada año. De acuerdo con el Estatuto de los Trabajadores, cada persona conocerá las fechas que le correspondan al menos dos meses antes del comienzo de su disfrute. Las solicitudes se presentan a través del portal PeoplePoint y la persona responsable deberá responder en un plazo máximo de siete días naturales.",
                ),
                (
                    "p",
                    "Al menos 10 días laborables consecutivos de vacaciones se disfrutarán en el periodo estival, entre el 15 de junio y el 15 de septiembre, salvo que la persona trabajadora prefiera otras fechas. Para garantizar el servicio, en el almacén de Riba-roja no podrá coincidir de vacaciones más de un 25 por ciento de la plantilla de cada turno. Entre el 15 de noviembre y el 31 de diciembre, temporada alta de la actividad, el personal de almacén no podrá disfrutar de más de cinco días laborables consecutivos.",
                ),
                ("h", "5. Vacaciones no disfrutadas"),
                (
                    "p",
                    "Las vacaciones deben disfrutarse dentro del año natural al que corresponden. Con carácter excepcional, cuando por necesidades del servicio debidamente acreditadas no haya sido posible disfrutar todos los días, y previa autorización escrita de la Dirección de Personas, las vacaciones pendientes del año anterior podrán disfrutarse hasta el 31 de enero del año siguiente. Transcurrida esa fecha, los días no disfrutados se perderán.",
                ),
                (
                    "p",
                    "Cuando el periodo de vacaciones fijado en el calendario coincida con una incapacidad temporal, la persona trabajadora tendrá derecho a disfrutar las vacaciones en una fecha distinta, aunque haya terminado el año natural, siempre que no hayan transcurrido más de dieciocho meses a partir del final del año en que se hayan originado. Lo mismo se aplica cuando coincidan con el permiso por nacimiento, la lactancia acumulada o el riesgo durante el embarazo.",
                ),
                ("h", "6. Cambios y cancelaciones"),
                (
                    "p",
                    "Una vez aprobadas, las vacaciones solo podrán modificarse por la empresa por causas organizativas graves y con el acuerdo de la persona afectada. En ese caso, la empresa abonará los gastos no reembolsables que se acrediten documentalmente.",
                ),
            ],
            [
                ("h", "7. Permisos retribuidos"),
                (
                    "p",
                    "La persona trabajadora, previo aviso y justificación, podrá ausentarse del trabajo con derecho a remuneración por los motivos y el tiempo que se indican en la tabla siguiente. El aviso debe darse con la máxima antelación posible y, en los casos imprevistos, el mismo día en que se produzca el hecho causante. El justificante deberá entregarse a la Dirección de Personas en los tres días hábiles siguientes a la reincorporación.",
                ),
                (
                    "t",
                    [
                        ["Motivo", "Duración", "Justificante"],
                        ["Matrimonio o registro de pareja de hecho", "15 días naturales", "Certificado del registro"],
                        [
                            "Accidente, enfermedad grave u hospitalización de familiar hasta segundo grado o conviviente",
                            "5 días laborables",
                            "Informe médico",
                        ],
                        [
                            "Fallecimiento de cónyuge, pareja de hecho o familiar hasta segundo grado",
                            "2 días laborables (4 si hay desplazamiento)",
                            "Certificado de defunción",
                        ],
                        ["Traslado del domicilio habitual", "1 día laborable", "Volante de empadronamiento"],
                        ["Exámenes oficiales", "El tiempo indispensable", "Justificante de asistencia"],
                        [
                            "Fuerza mayor por motivos familiares urgentes",
                            "Hasta 4 días al año, por horas",
                            "Declaración responsable",
                        ],
                    ],
                    (70, 50, 50),
                ),
                (
                    "p",
                    "Se considera que hay desplazamiento cuando el hecho causante se produce a más de 200 kilómetros del domicilio de la persona trabajadora. Los permisos por accidente, enfermedad grave u hospitalización pueden disfrutarse de forma continuada o en días alternos mientras dure el hecho causante. Las horas de permiso por fuerza mayor se retribuyen íntegramente hasta el límite de cuatro días al año.",
                ),
                (
                    "p",
                    "Los permisos se computan desde el primer día laborable siguiente al hecho causante cuando este se produzca en un día no laborable para la persona trabajadora. Las parejas de hecho debidamente inscritas en un registro público tienen los mismos derechos que los cónyuges a efectos de todos los permisos de esta tabla. Además de los permisos indicados, la plantilla dispone del tiempo necesario para el cumplimiento de un deber inexcusable de carácter público y personal, como la citación a una mesa electoral o a un juzgado, así como del tiempo indispensable para asistir a exámenes prenatales y técnicas de preparación al parto. Las dudas sobre la aplicación de un permiso concreto se resolverán por la Dirección de Personas antes de su disfrute.",
                ),
            ],
            [
                ("h", "8. Días festivos"),
                (
                    "p",
                    "Las personas trabajadoras disfrutan de los catorce festivos anuales establecidos en el calendario laboral: los nacionales, los de la Comunitat Valenciana y dos fiestas locales. Para la oficina de Valencia, las fiestas locales de 2025 son el 22 de enero, San Vicente Mártir, y el 28 de abril, San Vicente Ferrer. El personal del almacén de Riba-roja de Túria disfruta de las fiestas locales de ese municipio, que se publican en el tablón de anuncios antes del 31 de diciembre del año anterior.",
                ),
                (
                    "p",
                    "El personal de almacén que trabaje en un día festivo por necesidades del servicio percibirá el plus de festivo previsto en el convenio y, además, podrá disfrutar de un día de descanso compensatorio en los dos meses siguientes.",
                ),
                ("h", "9. Lactancia"),
                (
                    "p",
                    "Las personas trabajadoras, por lactancia de un hijo o hija menor de nueve meses, tienen derecho a una hora diaria de ausencia del trabajo, que pueden dividir en dos fracciones, o a reducir su jornada en media hora. En Meridian Freight Iberia, este derecho puede acumularse en 14 días laborables completos, que se disfrutarán inmediatamente después del permiso por nacimiento. La elección debe comunicarse a la Dirección de Personas con al menos quince días de antelación.",
                ),
                ("h", "10. Solicitud, registro y dudas"),
                (
                    "p",
                    "Todos los permisos y vacaciones se solicitan y registran en PeoplePoint, donde cada persona puede consultar en todo momento su saldo de días disponibles. Las dudas sobre esta política deben dirigirse a la Dirección de Personas en rrhh.iberia@meridianfreight.es o en la extensión 210 de la oficina de Valencia. Esta política se revisará cada dos años o cuando cambie la normativa aplicable.",
                ),
            ],
        ],
    },
]

# ---------------------------------------------------------------------------
# 2. DOCX documents
# ---------------------------------------------------------------------------

DOCX_DOCS = [
    # ------------------------------------------------------------------ remote work
    {
        "path": "hr/remote-work-policy.docx",
        "title": "Remote Work Policy",
        "front": [
            "Effective 1 July 2024",
            "Document owner: Head of People",
        ],
        "blocks": [
            ("h1", "1. Purpose and scope"),
            (
                "p",
                "This policy explains how employees of Meridian Freight Ltd. in the UK can work part of their week from home, and what the company provides to make remote working safe and productive. It applies to office-based roles at the Leeds head office and to office-based staff at the Immingham and Daventry depots. Employees of Meridian Freight Iberia S.L. should refer to the Spanish Política de teletrabajo.",
            ),
            ("h1", "2. Eligibility"),
            (
                "p",
                "Remote working is available to employees who have successfully completed their probationary period and whose role can be performed effectively away from the office. It is a working arrangement agreed with the company, not a contractual right, and may be reviewed if business needs change. The following roles are not eligible for regular remote working:",
            ),
            (
                "b",
                [
                    "Drivers, warehouse operatives, yard marshals and other roles that involve handling goods or vehicles.",
                    "Shift supervisors and depot duty managers while they are rostered on shift.",
                    "Roles that require daily access to original customs documents or to secure areas.",
                    "Employees who are subject to a formal performance improvement plan, until the plan is completed.",
                ],
            ),
            ("h1", "3. How much remote work is allowed"),
            (
                "p",
                "Eligible employees may work remotely for up to 3 days per week, pro rata for part-time staff. At least two days per week must be spent at your contractual place of work. Every team has a fixed anchor day when all members are expected in the office; for most head office teams the anchor day is Tuesday. Remote days cannot be carried over from one week to the next, and a pattern of remote working only on Mondays and Fridays is not normally approved.",
            ),
            ("h2", "3.1 Working from abroad"),
            (
                "p",
                "Working from a location outside the UK raises tax, immigration and data protection issues. You may work from abroad for no more than 10 working days in any calendar year, and only with the prior written approval of your Director and the Head of People. Working from countries outside the UK and the European Economic Area is not permitted.",
            ),
            ("h1", "4. Requesting remote working"),
            ("h2", "4.1 How to apply"),
            (
                "p",
                "To request a regular remote working pattern, complete form HR-104 (Remote Working Request) in PeoplePoint. The form asks you to propose your remote days, confirm that you have a suitable workspace and a reliable broadband connection, and explain how you will stay in contact with your team. Your line manager will discuss the request with you and give you a written decision within two weeks. If the request is declined, the reasons will be explained and you may ask the Head of People to review the decision.",
            ),
            ("h2", "4.2 Trial period"),
            (
                "p",
                "Approved arrangements start with a 12-week trial. At the end of the trial your manager will review with you whether the arrangement is working for you, the team and our customers. After the trial, either you or the company may end or change the arrangement by giving four weeks' notice.",
            ),
            ("h1", "5. Equipment and allowances"),
            ("h2", "5.1 Equipment provided by IT"),
            (
                "p",
                "Every remote worker receives a company laptop, a headset and a docking station from IT. This equipment remains company property and must be returned when you leave or when the remote arrangement ends.",
            ),
            ("h2", "5.2 Home office equipment allowance"),
            (
                "p",
                "Employees with an approved HR-104 may claim a one-off home office equipment allowance, up to the limits in the table below and to a maximum of 450 GBP in total. Claims are made on form HR-106 (Home Equipment Claim) within three months of approval, with receipts. Items bought with the allowance become your property after 24 months; if you leave within 24 months you may be asked to return them.",
            ),
            (
                "t",
                [
                    ["Item", "Maximum allowance", "Replacement cycle"],
                    ["Monitor (24 inch or larger)", "180 GBP", "Every 5 years"],
                    ["Ergonomic office chair", "220 GBP", "Every 5 years"],
                    ["Desk or sit-stand desk riser", "160 GBP", "Every 7 years"],
                    ["Keyboard and mouse", "45 GBP", "Every 3 years"],
                    ["Desk lamp", "30 GBP", "Every 5 years"],
                ],
            ),
            ("h2", "5.3 Monthly home working allowance"),
            (
                "p",
                "Employees who work remotely at least two days per week under an approved arrangement receive a home working allowance of 26 GBP per month through payroll, as a contribution towards heating, electricity and broadband. The company does not otherwise reimburse household bills.",
            ),
            ("h1", "6. Working safely and securely at home"),
            (
                "b",
                [
                    "Complete the home workstation self-assessment in PeoplePoint within four weeks of your arrangement starting.",
                    "Connect through the company VPN and never let family members or visitors use your company laptop.",
                    "Lock your screen whenever you step away, and keep printed documents to a minimum, shredding them at the office rather than at home.",
                    "Report any accident that happens while you are working at home to your manager in the same way as an accident at work.",
                ],
            ),
            ("h1", "7. Availability and wellbeing"),
            (
                "p",
                "When working remotely you must be available by Teams and telephone during the core hours set out in the Employee Handbook, and attend meetings with your camera on where your manager reasonably requests it. Managers should not expect replies to messages outside your normal working hours, and should check in regularly with remote team members to make sure that nobody feels isolated.",
            ),
        ],
    },
    # ------------------------------------------------------------------ on-call
    {
        "path": "operations/on-call-and-overtime-policy.docx",
        "title": "On-Call and Overtime Policy",
        "front": [
            "Effective 1 October 2024",
            "Document owner: Operations Director",
        ],
        "blocks": [
            ("h1", "1. Purpose and scope"),
            (
                "p",
                "Meridian Freight runs a 24-hour operation. This policy explains how out-of-hours cover is organised through on-call rotas, how standby and call-out work is paid, and how overtime is approved and paid. It applies to all UK employees below management grade M1. Managers on grade M1 and above are not paid for overtime or standby but may agree time off with their Director.",
            ),
            ("h1", "2. On-call arrangements"),
            ("h2", "2.1 On-call rotas"),
            (
                "p",
                "The following teams maintain an on-call rota, published at least four weeks in advance in PeoplePoint:",
            ),
            (
                "b",
                [
                    "IT Service Desk, covering system outages and security incidents out of hours.",
                    "Transport Planning, covering vehicle breakdowns, driver issues and customer escalations.",
                    "Depot Duty Manager, covering each depot when no manager is on site.",
                    "Fleet Maintenance, covering roadside repairs and vehicle recovery.",
                ],
            ),
            ("h2", "2.2 Responsibilities while on call"),
            (
                "p",
                "While on call you must carry your company phone, answer calls within 15 minutes, remain fit to work (which means not drinking alcohol), and be able to reach your site within 60 minutes if attendance is needed. If you become unable to cover your shift, you must arrange a swap with a trained colleague and record it in PeoplePoint.",
            ),
            ("h2", "2.3 On-call payments"),
            (
                "p",
                "Employees on an on-call rota receive a standby payment for each night or day of standby, whether or not they are called out, plus a call-out payment for time actually worked. The rates are shown below and are reviewed every October.",
            ),
            (
                "t",
                [
                    [
                        "Rota",
                        "Weekday standby (per night)",
                        "Weekend or bank holiday standby (per day)",
                        "Call-out payment",
                    ],
                    ["IT Service Desk", "35 GBP", "70 GBP", "Time and a half, minimum 1 hour"],
                    ["Transport Planning", "30 GBP", "65 GBP", "Time and a half, minimum 1 hour"],
                    ["Depot Duty Manager", "40 GBP", "85 GBP", "Time and a half, minimum 2 hours"],
                    ["Fleet Maintenance", "45 GBP", "95 GBP", "Double time, minimum 2 hours"],
                ],
            ),
            (
                "p",
                "Standby and call-out payments are claimed on form OPS-420 (On-Call Claim) and paid in the next payroll after approval. Time spent on telephone support from home counts as call-out time, rounded up to the nearest 15 minutes.",
            ),
            ("h2", "2.4 Rest after a call-out"),
            (
                "p",
                "If you work for more than two hours between midnight and 06:00 during a call-out, you may start work up to four hours later the next day without loss of pay. Please tell your manager before your normal start time.",
            ),
            ("h1", "3. Overtime"),
            ("h2", "3.1 Approval"),
            (
                "p",
                "All overtime must be approved in advance by your line manager using form OPS-410 (Overtime Authorisation). Unapproved overtime is not paid, except in a genuine operational emergency where approval could not be obtained in time, in which case the form must be completed the next working day.",
            ),
            ("h2", "3.2 Overtime rates"),
            (
                "b",
                [
                    "Monday to Saturday, beyond contracted hours: time and a half (1.5 times the basic hourly rate).",
                    "Sundays and bank holidays: double time (2 times the basic hourly rate).",
                    "Christmas Day and New Year's Day: double time plus a day off in lieu.",
                ],
            ),
            ("h2", "3.3 Time off in lieu"),
            (
                "p",
                "Instead of payment, you may choose time off in lieu (TOIL) at one hour for every hour of overtime worked. TOIL must be taken within three months of the overtime being worked, at a time agreed with your manager; TOIL not taken within three months is paid at the basic hourly rate.",
            ),
            ("h1", "4. Working time limits"),
            (
                "b",
                [
                    "Working time must not exceed an average of 48 hours per week over a 17-week reference period unless you have signed the voluntary opt-out on form OPS-415.",
                    "You must have at least 11 consecutive hours of rest between working days.",
                    "You must have at least one full day off in every seven days, or two days off in every fourteen.",
                    "Drivers are subject to the drivers' hours rules and the Road Transport (Working Time) Regulations, which cannot be opted out of.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ data protection
    {
        "path": "compliance/data-protection-policy.docx",
        "title": "Data Protection Policy",
        "front": [
            "Effective 1 November 2024",
            "Document owner: Data Protection Officer",
        ],
        "blocks": [
            ("h1", "1. Purpose and scope"),
            (
                "p",
                "Meridian Freight Ltd. processes personal data about employees, drivers, job applicants, customers' contacts and the recipients of the goods we deliver. This policy explains how we comply with the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018, and what every employee must do to protect personal data. It applies to all personal data held in any format, on any device, at any site.",
            ),
            ("h1", "2. Data Protection Officer"),
            (
                "p",
                "Our Data Protection Officer (DPO) is Helen Okafor, based at the Leeds head office. You can contact the DPO at dpo@meridianfreight.co.uk or on extension 4217. The DPO advises the company on data protection law, monitors compliance with this policy, approves new uses of personal data, and is the contact point for the Information Commissioner's Office (ICO) and for the privacy lead of Meridian Freight Iberia S.L. in Valencia.",
            ),
            ("h1", "3. Data protection principles"),
            ("p", "Whenever you handle personal data you must make sure that it is:"),
            (
                "b",
                [
                    "processed lawfully, fairly and in a transparent manner;",
                    "collected only for specified, explicit and legitimate purposes;",
                    "adequate, relevant and limited to what is necessary;",
                    "accurate and, where necessary, kept up to date;",
                    "kept for no longer than necessary, in line with the retention schedule in section 6;",
                    "kept secure, using the controls in the IT Acceptable Use and Security Policy.",
                ],
            ),
            ("h1", "4. Individual rights"),
            ("h2", "4.1 Subject access requests"),
            (
                "p",
                "Any request from an individual for a copy of their personal data is a subject access request (SAR), whether or not it uses those words, and whether it is made in writing, by email, through social media or verbally. If you receive a SAR, forward it to the DPO on the same working day. The company must respond without undue delay and in any case within one month of receipt. This deadline can be extended by a further two months for complex or numerous requests, in which case the DPO will tell the requester within the first month. No fee is charged, except for requests that are manifestly unfounded or excessive.",
            ),
            ("h2", "4.2 Other rights"),
            (
                "p",
                "Individuals also have the right to have inaccurate data corrected, to ask for data to be erased or its use restricted in certain circumstances, to object to processing, and to data portability. All such requests must also be passed to the DPO on the same working day and must not be answered directly.",
            ),
            ("h1", "5. Personal data breaches"),
            (
                "p",
                "A personal data breach is any loss, unauthorised disclosure, alteration or destruction of personal data, for example an email containing a driver's details sent to the wrong customer, or a lost delivery manifest. Report every suspected breach to the IT Service Desk as a security incident, following the IT Acceptable Use and Security Policy, and tell the DPO. The DPO will assess the risk and, where required, notify the ICO within 72 hours of the company becoming aware of the breach, and inform the affected individuals.",
            ),
            ("h1", "6. Retention of records"),
            (
                "p",
                "Personal data must be securely deleted or destroyed at the end of the retention period below, unless the DPO has approved a longer period, for example because of legal proceedings.",
            ),
            (
                "t",
                [
                    ["Record", "Retention period"],
                    ["Payroll and tax records", "6 years after the end of the tax year"],
                    ["Personnel files", "6 years after employment ends"],
                    ["Unsuccessful job applications", "6 months after the recruitment decision"],
                    ["CCTV footage", "31 days, unless needed for an investigation"],
                    ["Vehicle telematics and tachograph data", "24 months"],
                    ["Accident book entries", "3 years from the date of the entry"],
                ],
            ),
            ("h1", "7. Training"),
            (
                "p",
                "All employees with access to company systems must complete the Data Essentials e-learning module during induction and then every year by 30 November. Managers are responsible for making sure their team members complete the training on time.",
            ),
            ("h1", "8. Transfers within the group and abroad"),
            (
                "p",
                "Personal data is shared between Meridian Freight Ltd. and Meridian Freight Iberia S.L. under an intra-group data transfer agreement. Personal data must not be transferred to any other country outside the UK and the European Economic Area, or to a new supplier, without the prior approval of the DPO.",
            ),
        ],
    },
    # ------------------------------------------------------------------ code of conduct
    {
        "path": "compliance/code-of-conduct.docx",
        "title": "Code of Conduct",
        "front": [
            "Effective 1 March 2025",
            "Document owner: Company Secretary",
        ],
        "blocks": [
            ("h1", "1. Introduction"),
            (
                "p",
                "This Code of Conduct sets out the standards of behaviour that Meridian Freight Ltd. expects from every director, employee, agency worker and contractor. It does not cover every situation; if you are unsure whether something is acceptable, ask yourself whether you would be comfortable explaining it to your manager, a customer or a journalist, and ask the Company Secretary for advice. Breaches of this Code may lead to disciplinary action.",
            ),
            ("h1", "2. Gifts and hospitality"),
            ("h2", "2.1 Receiving gifts"),
            (
                "p",
                "You may accept occasional gifts of modest value from customers, suppliers or other business contacts, up to a value of 50 GBP per gift. Gifts worth more than 50 GBP must be politely declined or, where refusing would cause offence, accepted on behalf of the company and handed to the Company Secretary, who will decide whether they are donated to charity or raffled for staff. Cash, vouchers and gift cards must never be accepted, whatever their value.",
            ),
            (
                "p",
                "Every gift worth more than 20 GBP, whether accepted or declined, must be recorded in the Gifts and Hospitality Register on form COM-150 within five working days.",
            ),
            ("h2", "2.2 Receiving hospitality"),
            (
                "p",
                "Reasonable business hospitality, such as a working lunch, is acceptable. Accepting hospitality worth more than 100 GBP per person, or any hospitality that includes travel or an overnight stay, requires the prior approval of your Director. You must never accept gifts or hospitality from a supplier that is taking part in a live tender that you are involved in.",
            ),
            ("h1", "3. Anti-bribery"),
            (
                "p",
                "Meridian Freight has zero tolerance of bribery and corruption, in line with the Bribery Act 2010. In particular:",
            ),
            (
                "b",
                [
                    "Never offer, promise, give, request or accept a bribe, whether in cash or in any other form.",
                    "Never make facilitation payments, for example to speed up a customs clearance or a border crossing, even where they are common practice locally.",
                    "Report any request for a bribe or facilitation payment to the Company Secretary immediately.",
                    "Make sure that agents and subcontractors acting for us have signed the Supplier Code.",
                ],
            ),
            ("h1", "4. Conflicts of interest"),
            (
                "p",
                "A conflict of interest arises when your personal interests, or those of a close friend or family member, could influence your decisions at work, for example if a relative owns a haulage subcontractor. You must declare any actual or potential conflict to your manager as soon as it arises, and all employees at grade M1 and above must complete an annual declaration on form COM-160 by 31 January. Secondary employment, including driving for another operator, requires the prior written approval of the Head of People.",
            ),
            ("h1", "5. Social media and public statements"),
            (
                "p",
                "Only the Communications team may speak to the media on behalf of the company. On personal social media you must not disclose confidential information about the company, customers or colleagues, post photographs taken inside our sites or vehicles, or post anything that could be seen as harassment or discrimination.",
            ),
            ("h1", "6. Alcohol and drugs"),
            (
                "p",
                "You must not work, drive or operate equipment while under the influence of alcohol or drugs. The company carries out random alcohol and drug testing of drivers, forklift operators and other people in safety-critical roles; for these roles a positive test or a refusal to be tested is treated as gross misconduct.",
            ),
            ("h1", "7. Equality and respect"),
            (
                "p",
                "Everyone has the right to be treated with dignity and respect. Bullying, harassment, victimisation and discrimination on any ground are not tolerated, whether towards colleagues, drivers from other companies, customers or members of the public.",
            ),
            ("h1", "8. Reporting concerns"),
            (
                "p",
                "If you suspect a breach of this Code, raise it with your line manager or the Company Secretary, or use the channels in the Whistleblowing Policy, including the independent hotline. Nobody will suffer any detriment for raising a genuine concern.",
            ),
        ],
    },
    # ------------------------------------------------------------------ whistleblowing
    {
        "path": "compliance/whistleblowing-policy.docx",
        "title": "Whistleblowing Policy",
        "front": [
            "Effective 1 August 2024",
            "Document owner: Company Secretary",
        ],
        "blocks": [
            ("h1", "1. Purpose"),
            (
                "p",
                "Meridian Freight Ltd. wants to hear about wrongdoing as early as possible so that it can be put right. This policy explains how employees, agency workers, contractors and former employees can raise a concern about malpractice in confidence, how concerns are handled, and how people who speak up are protected. Personal complaints about your own employment should be raised under the grievance procedure in the Employee Handbook instead.",
            ),
            ("h1", "2. What you can report"),
            (
                "b",
                [
                    "Criminal offences, including fraud, theft, bribery and smuggling.",
                    "Dangers to health and safety, for example unroadworthy vehicles or falsified drivers' hours records.",
                    "Damage to the environment, such as fuel or chemical spills that are not reported.",
                    "Failure to comply with legal obligations, including customs and data protection law.",
                    "Deliberate concealment of any of the above.",
                ],
            ),
            ("h1", "3. How to raise a concern"),
            ("h2", "3.1 Internal channels"),
            (
                "p",
                "In most cases you should first raise your concern with your line manager. If you feel unable to do so, or if the concern involves your manager, contact the Whistleblowing Officer, Margaret Ellison, who is an independent Non-Executive Director, at whistleblowing@meridianfreight.co.uk. You may ask for a meeting in person, and you may bring a colleague or trade union representative.",
            ),
            ("h2", "3.2 Independent hotline and anonymous reports"),
            (
                "p",
                "You can also report a concern to ClearLine Reporting, an independent whistleblowing service, by telephone on 0808 157 0246 (free, 24 hours a day) or through the ClearLine web portal. ClearLine passes a summary of your report to the Whistleblowing Officer. You may choose to remain anonymous: ClearLine will give you a case reference number and PIN so that you can check for updates and answer follow-up questions without revealing your identity.",
            ),
            ("h1", "4. What happens next"),
            (
                "p",
                "The Whistleblowing Officer will acknowledge your concern within 7 days and decide how it should be investigated. Investigations are carried out by someone independent of the area concerned. We will keep you informed of progress and aim to tell you the outcome within 12 weeks, although we may not be able to share full details where this would breach the confidentiality of others.",
            ),
            ("h1", "5. Protection from detriment"),
            (
                "p",
                "Anyone who raises a genuine concern will be protected from dismissal, disciplinary action or any other detriment, even if the concern turns out to be mistaken, in line with the Public Interest Disclosure Act 1998. Victimising a whistleblower, or deterring someone from raising a concern, is a disciplinary offence. However, knowingly making a false report is also a disciplinary matter.",
            ),
            ("h1", "6. Raising concerns externally"),
            (
                "p",
                "We hope you will always feel able to raise concerns internally. The law also allows you to report to a prescribed regulator, for example:",
            ),
            (
                "b",
                [
                    "the Health and Safety Executive, for workplace safety concerns;",
                    "the Traffic Commissioners, for concerns about operator licensing and drivers' hours;",
                    "HM Revenue and Customs, for tax and customs fraud;",
                    "the Information Commissioner's Office, for data protection concerns.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ training
    {
        "path": "hr/training-and-development-policy.docx",
        "title": "Training and Development Policy",
        "front": [
            "Effective 1 May 2025",
            "Document owner: Learning and Development Manager",
        ],
        "blocks": [
            ("h1", "1. Purpose"),
            (
                "p",
                "We want everyone at Meridian Freight Ltd. to have the skills to do their job safely and well, and the opportunity to grow their career with us. This policy covers mandatory training, the personal development budget, study leave, and the rules on repaying course fees.",
            ),
            ("h1", "2. Mandatory training"),
            (
                "p",
                "The following training is mandatory and is arranged and paid for by the company, in addition to the personal development budget:",
            ),
            (
                "b",
                [
                    "Induction, including safety and data protection modules, within the first four weeks of employment.",
                    "Annual Data Essentials e-learning for all employees with system access.",
                    "Driver Certificate of Professional Competence (Driver CPC): 35 hours of periodic training every five years for all HGV drivers.",
                    "Forklift refresher training and assessment every three years for licensed operators.",
                    "Fire warden and first aid training for volunteers in those roles.",
                ],
            ),
            ("h1", "3. Personal development budget"),
            (
                "p",
                "Each employee who has completed probation has an individual development budget of 1,200 GBP per year, running from 1 April to 31 March, for approved courses, qualifications, conferences and professional memberships that are relevant to their current role or a realistic future role at Meridian Freight. Unused budget cannot be carried over or transferred to another employee.",
            ),
            ("h2", "3.1 How to apply"),
            (
                "p",
                "Apply using form L&D-205 (Development Request) in PeoplePoint at least six weeks before the course or event starts. The request must be supported by your line manager and approved by the Learning and Development Manager. Requests above the annual budget, for example for a degree apprenticeship or a Chartered Institute of Logistics and Transport qualification, may be approved by a Director as a multi-year sponsorship.",
            ),
            ("h1", "4. Study leave"),
            (
                "p",
                "Employees studying for an approved qualification may take up to 6 days of paid study leave per year to attend classes or revise, plus the day of each examination. Study leave must be booked in PeoplePoint like annual leave and agreed with your manager in advance. Resits are taken in your own time and at your own cost unless your manager agrees otherwise.",
            ),
            ("h1", "5. Repaying course fees"),
            (
                "p",
                "Where the company has paid more than 500 GBP for a single course or qualification, you will be asked to sign a training agreement. If you resign or are dismissed for misconduct within 24 months of completing the course, you must repay part of the fees according to the table below.",
            ),
            (
                "t",
                [
                    ["Leaving date after course completion", "Proportion of fees repayable"],
                    ["Less than 12 months", "100 percent"],
                    ["12 to 24 months", "50 percent"],
                    ["More than 24 months", "None"],
                ],
            ),
            ("h1", "6. Mentoring and internal moves"),
            (
                "p",
                "All employees can ask to be matched with a mentor from another department through the Learning and Development team. Internal vacancies are advertised on the intranet for at least five working days before being advertised externally, and employees with more than 12 months' service in their current role may apply without first asking their manager's permission.",
            ),
        ],
    },
    # ------------------------------------------------------------------ ES teletrabajo
    {
        "path": "es/politica-de-teletrabajo.docx",
        "title": "Política de teletrabajo - Meridian Freight Iberia S.L.",
        "front": [
            "En vigor desde el 1 de junio de 2025",
            "Responsable del documento: Dirección de Personas de Meridian Freight Iberia S.L.",
        ],
        "blocks": [
            ("h1", "1. Objeto y marco legal"),
            (
                "p",
                "Esta política regula el trabajo a distancia en Meridian Freight Iberia S.L., de acuerdo con la Ley 10/2021, de 9 de julio, de trabajo a distancia. Su finalidad es facilitar la conciliación de la vida personal y laboral sin perjudicar la calidad del servicio a nuestros clientes ni la seguridad de la información.",
            ),
            ("h1", "2. Personas destinatarias"),
            ("h2", "2.1 Requisitos"),
            (
                "p",
                "Pueden solicitar el teletrabajo las personas con contrato indefinido que tengan una antigüedad mínima de seis meses en la empresa y cuyo puesto sea compatible con el trabajo a distancia, según la valoración de su responsable y de la Dirección de Personas.",
            ),
            ("h2", "2.2 Puestos excluidos"),
            (
                "b",
                [
                    "Personal de almacén, carretilleros y personal de muelle.",
                    "Conductores y personal de tráfico en turno de guardia.",
                    "Puestos que requieran el manejo diario de documentación aduanera original.",
                ],
            ),
            ("h1", "3. Modalidad y número de días"),
            (
                "p",
                "El teletrabajo se organiza en un régimen mixto: se podrá teletrabajar un máximo de dos días a la semana, lo que supone como máximo el 40 por ciento de la jornada semanal. El miércoles es un día presencial para toda la plantilla de la oficina de Valencia. Los días de teletrabajo no utilizados no se acumulan para semanas posteriores.",
            ),
            ("h2", "3.1 Solicitud y acuerdo de trabajo a distancia"),
            (
                "p",
                "La solicitud se realiza mediante el formulario RH-ES-07 (Acuerdo de trabajo a distancia), disponible en PeoplePoint. La empresa responderá en un plazo de 15 días. El acuerdo debe formalizarse por escrito y firmarse antes del inicio del teletrabajo, e incluirá el inventario de medios, el horario, el lugar de trabajo elegido y el porcentaje de trabajo a distancia.",
            ),
            ("h2", "3.2 Reversibilidad"),
            (
                "p",
                "El teletrabajo es voluntario y reversible para ambas partes. Cualquiera de ellas podrá poner fin al acuerdo con un preaviso de un mes, comunicado por escrito.",
            ),
            ("h1", "4. Medios y compensación de gastos"),
            ("h2", "4.1 Dotación de equipos"),
            (
                "p",
                "La empresa proporciona los medios necesarios para desarrollar el trabajo a distancia, que se detallan en la siguiente tabla:",
            ),
            (
                "t",
                [
                    ["Elemento", "Aportación de la empresa", "Observaciones"],
                    ["Ordenador portátil", "Facilitado por la empresa", "Propiedad de la empresa"],
                    ["Monitor de 24 pulgadas", "Facilitado por la empresa", "Bajo solicitud"],
                    ["Silla ergonómica", "Reembolso hasta 150 EUR", "Con factura a nombre de la persona"],
                    ["Auriculares con micrófono", "Facilitados por la empresa", "Reposición cada dos años"],
                    ["Conexión a internet", "Incluida en la compensación mensual", "Mínimo 100 Mb recomendado"],
                ],
            ),
            ("h2", "4.2 Compensación de gastos"),
            (
                "p",
                "Para compensar los gastos de electricidad, climatización y conexión a internet, la empresa abona una compensación de 35 EUR brutos al mes en nómina a las personas con acuerdo de teletrabajo vigente. En los meses de vacaciones completas o de baja durante todo el mes no se abona la compensación.",
            ),
            ("h1", "5. Horario, registro de jornada y desconexión digital"),
            (
                "p",
                "El horario en los días de teletrabajo es el mismo que en la oficina. La jornada debe registrarse diariamente en la aplicación TimeBridge, indicando el inicio, las pausas y el final de la jornada.",
            ),
            ("p", "La empresa garantiza el derecho a la desconexión digital. En particular:"),
            (
                "b",
                [
                    "No existe obligación de responder correos, llamadas ni mensajes entre las 19:00 y las 08:00.",
                    "Tampoco durante los fines de semana, festivos, vacaciones y permisos.",
                    "Las convocatorias de reuniones deben fijarse dentro del horario laboral y, en lo posible, terminar antes de las 17:30.",
                    "Las situaciones urgentes fuera de horario se canalizan exclusivamente a través del turno de guardia.",
                ],
            ),
            ("h1", "6. Seguridad de la información y prevención de riesgos"),
            (
                "p",
                "En los días de teletrabajo es obligatorio conectarse a través de la VPN corporativa y no permitir el uso del equipo a otras personas. En los 15 días siguientes al inicio del teletrabajo, la persona trabajadora completará la autoevaluación de riesgos del puesto de trabajo en el domicilio. Cualquier accidente sufrido durante la jornada de teletrabajo debe comunicarse a la persona responsable el mismo día.",
            ),
        ],
    },
    # ------------------------------------------------------------------ ES código / PRL
    {
        "path": "es/codigo-de-conducta-y-prevencion-de-riesgos.docx",
        "title": "Código de conducta y prevención de riesgos laborales - Meridian Freight Iberia S.L.",
        "front": [
            "En vigor desde el 15 de enero de 2025",
            "Responsable del documento: Responsable de Cumplimiento de Meridian Freight Iberia S.L.",
        ],
        "blocks": [
            ("h1", "1. Código de conducta"),
            ("h2", "1.1 Principios generales"),
            (
                "p",
                "Todas las personas que trabajan en Meridian Freight Iberia S.L. deben actuar con integridad, respeto y profesionalidad. En particular, se comprometen a:",
            ),
            (
                "b",
                [
                    "Cumplir la legislación vigente, incluida la normativa aduanera y de transporte.",
                    "Tratar a compañeros, clientes, transportistas y proveedores con respeto, sin discriminación ni acoso de ningún tipo.",
                    "Proteger la información confidencial y los datos personales a los que tengan acceso.",
                    "Utilizar los recursos de la empresa de forma responsable y únicamente para fines profesionales.",
                ],
            ),
            ("h2", "1.2 Regalos e invitaciones"),
            (
                "p",
                "Solo se pueden aceptar regalos de cortesía de clientes o proveedores cuyo valor no supere los 60 EUR por regalo. Los regalos de valor superior deben rechazarse con amabilidad o, si no es posible, entregarse a la Responsable de Cumplimiento, que decidirá su destino. Nunca se aceptará dinero en efectivo, tarjetas regalo ni regalos durante un proceso de licitación. Todos los regalos recibidos deben anotarse en el registro de regalos antes de que termine el mes en curso.",
            ),
            ("h2", "1.3 Conflictos de interés"),
            (
                "p",
                "Cualquier situación en la que los intereses personales o familiares puedan influir en las decisiones profesionales debe comunicarse por escrito a la persona responsable y a la Responsable de Cumplimiento tan pronto como se conozca.",
            ),
            ("h2", "1.4 Canal ético"),
            (
                "p",
                "Cualquier persona puede informar de posibles infracciones a través del canal ético, escribiendo a canal.etico@meridianfreight.es o mediante el formulario web, incluso de forma anónima, de acuerdo con la Ley 2/2023 de protección de las personas informantes. Se acusará recibo de la comunicación en un plazo de siete días naturales y se dará respuesta en un plazo máximo de tres meses. Está prohibida cualquier represalia contra quien informe de buena fe.",
            ),
            ("h1", "2. Prevención de riesgos laborales"),
            ("h2", "2.1 Organización preventiva"),
            (
                "p",
                "La empresa tiene concertada la prevención de riesgos laborales con el servicio de prevención ajeno Prevencia Levante S.L. La plantilla cuenta con dos delegados de prevención, y el Comité de Seguridad y Salud se reúne una vez al trimestre. La responsable de PRL de la empresa es Lucía Ferrer, con extensión 230.",
            ),
            ("h2", "2.2 Equipos de protección individual (EPI)"),
            (
                "p",
                "El uso de los EPI entregados por la empresa es obligatorio en las zonas y puestos indicados en la siguiente tabla. La empresa repone los equipos cuando se deterioran, sin coste para la persona trabajadora.",
            ),
            (
                "t",
                [
                    ["Puesto", "EPI obligatorio"],
                    ["Mozo de almacén", "Calzado de seguridad S3, chaleco de alta visibilidad y guantes anticorte"],
                    [
                        "Carretillero",
                        "Calzado de seguridad S3, chaleco de alta visibilidad y cinturón de seguridad de la carretilla abrochado",
                    ],
                    ["Conductor", "Calzado de seguridad S3 y chaleco de alta visibilidad al bajar del vehículo"],
                    ["Personal de oficina en zona de almacén", "Chaleco de alta visibilidad y calzado cerrado"],
                ],
            ),
            ("h2", "2.3 Formación"),
            (
                "p",
                "Toda persona que se incorpore recibirá una formación inicial en prevención de riesgos laborales de 8 horas antes de empezar a trabajar en su puesto. Los carretilleros deben contar con la autorización interna de uso, que se renueva cada cinco años tras una evaluación práctica.",
            ),
            ("h2", "2.4 Vigilancia de la salud"),
            (
                "p",
                "La empresa ofrece un reconocimiento médico anual a través del servicio de prevención ajeno. Es voluntario con carácter general, pero obligatorio para carretilleros y conductores por la naturaleza de su puesto.",
            ),
            ("h2", "2.5 Accidentes, incidentes y emergencias"),
            (
                "b",
                [
                    "Todo accidente o incidente, aunque no cause lesiones, debe comunicarse a la responsable de PRL antes de que finalice el turno, mediante el parte interno PRL-03.",
                    "Se realiza un simulacro de evacuación al año en la oficina de Valencia y en el almacén de Riba-roja.",
                    "El punto de encuentro del almacén de Riba-roja está junto a la garita de acceso principal.",
                    "En caso de emergencia médica, llame al 112 y avise a recepción.",
                ],
            ),
        ],
    },
]

# ---------------------------------------------------------------------------
# 3. Markdown and plain-text documents
# ---------------------------------------------------------------------------

TEXT_DOCS = {
    "operations/faq.md": """\
# Meridian Freight - Leeds Head Office FAQ

Last reviewed: 3 March 2025. Owner: Facilities Manager.

This page answers the everyday questions we hear most often at the Leeds head office
(Unit 4, Stourton Link). For HR, pay and leave questions, search the policies in Faro
or contact the HR Service Centre.

## Arriving and parking

### Where can I park?

Staff parking is in Car Park A, behind the main building. You need a parking permit,
which Facilities issues on request (extension 4300). Visitors should use the bays marked
V at the front of the building and sign in at reception. There is a covered bicycle
shelter with 24 spaces next to Car Park A, and showers and lockers on the first floor.

### What are reception's opening hours?

Reception is staffed from 08:00 to 18:00, Monday to Friday. Outside these hours,
use the intercom at the gatehouse.

### I have lost my ID badge. What should I do?

Tell reception straight away so that the badge can be cancelled. A replacement badge
costs 10 GBP, deducted through payroll; the first replacement in any year is free if
the badge was damaged rather than lost.

## Facilities

### What is the guest Wi-Fi network?

Visitors can connect to the **MF-Guest** network. The password changes on the first
Monday of every month and is displayed on the screen at reception. Company laptops
connect to **MF-Corp** automatically; please do not connect personal devices to MF-Corp.

### When is the canteen open?

The Dock canteen on the ground floor is open from 07:30 to 14:00, Monday to Friday.
Hot food is served from 12:00 to 13:45. You can pay by card or with your ID badge.

### How do I book a meeting room?

Book rooms through Outlook. Rooms are named after ports: Rotterdam (12 people),
Antwerp (8), Bilbao (6) and Gdansk (4). The Rotterdam room has video conferencing
and must be released if your meeting is cancelled.

### When is the post collected?

Outgoing post must be at reception by 15:30 for same-day collection. Parcels for
customers should be booked through the Transport Planning team, not the post room.

### Where can I find company policies?

All current policies are available on the intranet and can be searched in Faro.
If you find a policy that looks out of date, tell the document owner named on its
first page.
""",
    "operations/office-contacts.txt": """\
MERIDIAN FREIGHT - OFFICE AND DEPARTMENT CONTACTS
Updated: 3 March 2025 - maintained by Facilities

SITES
-----
Leeds Head Office and Cross-Dock
  Address:   Unit 4, Stourton Link, Leeds LS10 1RW, United Kingdom
  Reception: 0113 496 0000 (08:00-18:00, Monday to Friday)

Immingham Port Depot
  Address:   Dock Approach Road, Immingham DN40 2LZ, United Kingdom
  Gatehouse: 01632 960 118 (24 hours)

Daventry Distribution Centre
  Address:   Plot 7, Royal Oak Way South, Daventry NN11 8PQ, United Kingdom
  Gatehouse: 01632 960 355 (24 hours)

Meridian Freight Iberia S.L. - Valencia Office
  Address:   Avenida del Puerto 301, planta 2, 46024 Valencia, Spain
  Phone:     +34 960 000 200 (09:00-18:00 CET)
  Personas (RRHH): rrhh.iberia@meridianfreight.es, ext. 210

Meridian Freight Iberia S.L. - Riba-roja Warehouse
  Address:   Parque Logistico, Calle 3, Nave 18, 46394 Riba-roja de Turia, Spain
  Phone:     +34 960 000 260

DEPARTMENTS (Leeds extensions, dial 0113 496 0 + extension from outside)
-----------
HR Service Centre        ext. 4100   hr@meridianfreight.co.uk
Payroll                  ext. 4150   payroll@meridianfreight.co.uk
Finance / Expenses       ext. 4160   expenses@meridianfreight.co.uk
Data Protection Officer  ext. 4217   dpo@meridianfreight.co.uk (Helen Okafor)
Facilities               ext. 4300   facilities@meridianfreight.co.uk
Health and Safety        ext. 4310   Gareth Lowe, Health and Safety Manager
IT Service Desk          ext. 4400   servicedesk@meridianfreight.co.uk
Transport Planning       ext. 4500   planning@meridianfreight.co.uk (24 hours)

SPEAK UP
--------
Whistleblowing Officer   whistleblowing@meridianfreight.co.uk
ClearLine hotline        0808 157 0246 (free, 24 hours)

EMERGENCIES
-----------
UK emergency services: 999.  Spain emergency services: 112.
After calling, always inform the site gatehouse or reception so that responders
can be met and guided to the right place.
""",
}

# ---------------------------------------------------------------------------
# 4. Evaluation questions.
#    KEY_PHRASES[qid] lists one phrase per expected source; --check asserts the
#    phrase appears on the expected PDF page (or anywhere in a DOCX/MD/TXT).
#    ABSENT_TERMS[qid] lists regexes that must NOT occur anywhere in the corpus,
#    so that the unanswerable questions really are unanswerable.
# ---------------------------------------------------------------------------

HB = "hr/employee-handbook.pdf"
LV = "hr/leave-policy-2025.pdf"
EX = "finance/expenses-and-travel-policy.pdf"
IT = "it/acceptable-use-and-security-policy.pdf"
HS = "operations/health-and-safety-policy.pdf"
PL = "hr/parental-leave-policy.pdf"
ESV = "es/politica-de-vacaciones-y-permisos.pdf"
RW = "hr/remote-work-policy.docx"
OC = "operations/on-call-and-overtime-policy.docx"
DP = "compliance/data-protection-policy.docx"
CC = "compliance/code-of-conduct.docx"
WB = "compliance/whistleblowing-policy.docx"
TD = "hr/training-and-development-policy.docx"
EST = "es/politica-de-teletrabajo.docx"
ESC = "es/codigo-de-conducta-y-prevencion-de-riesgos.docx"
FAQ = "operations/faq.md"
CON = "operations/office-contacts.txt"

# Kind tags: what each question tests. A question may carry several tags.
#   paraphrase     - asked in other words than the document uses
#   lexical        - shares its key words with the answer passage
#   exact          - an exact-term look-up (form code, extension, phone number, scheme name)
#   cross-language - question and expected document are in different languages
#   unanswerable   - the corpus does not answer it (expected_sources is empty)
#   version        - the superseded 2023 leave policy gives a different (or no) answer; the 2025 one is expected
PARA, LEX, EXACT, XLANG, UNANS, VERSION = "paraphrase", "lexical", "exact", "cross-language", "unanswerable", "version"
KINDS = {PARA, LEX, EXACT, XLANG, UNANS, VERSION}

# (id, question, [(source, page or None)], language, [kind, ...])
QUESTIONS = [
    ("q01", "How many vacation days can I carry over to next year?", [(LV, 2)], "en", [LEX, VERSION]),
    (
        "q02",
        "If I have holiday left over from last year, what is the deadline for using it up?",
        [(LV, 2)],
        "en",
        [PARA, VERSION],
    ),
    (
        "q03",
        "I have been with the company for 7 years. How many days of annual leave am I entitled to?",
        [(LV, 1)],
        "en",
        [LEX, VERSION],
    ),
    ("q04", "What can I claim per mile when I drive my own car on company business?", [(EX, 3)], "en", [LEX]),
    ("q05", "How long do I have to submit an expense claim after spending the money?", [(EX, 2)], "en", [LEX]),
    ("q06", "Do I need to keep the receipt for a 12 GBP sandwich I bought on a business trip?", [(EX, 2)], "en", [LEX]),
    ("q07", "What is the most I can spend on a hotel room per night in London?", [(EX, 4)], "en", [LEX]),
    ("q08", "What is form FIN-220?", [(EX, 2)], "en", [EXACT]),
    ("q09", "What is the minimum password length?", [(IT, 2)], "en", [LEX]),
    ("q10", "Where should I send a suspicious-looking email?", [(IT, 3)], "en", [LEX]),
    ("q11", "How quickly must a security incident be reported?", [(IT, 5)], "en", [LEX]),
    ("q12", "My work laptop was stolen from my car. What should I do?", [(IT, 4)], "en", [LEX]),
    ("q13", "How many days a week am I allowed to work from home?", [(RW, None)], "en", [PARA]),
    ("q14", "HR-104", [(RW, None)], "en", [EXACT]),
    ("q15", "How much will the company contribute towards a chair for my home office?", [(RW, None)], "en", [LEX]),
    ("q16", "What is the standby payment for a weekend day on the Depot Duty Manager rota?", [(OC, None)], "en", [LEX]),
    ("q17", "What rate is overtime paid at on a Sunday?", [(OC, None)], "en", [LEX]),
    ("q18", "On what day of the month does my salary arrive?", [(HB, 4)], "en", [LEX]),
    ("q19", "How long is the probation period for new employees?", [(HB, 3)], "en", [LEX]),
    ("q20", "Between which times do I have to be available at work even on flexitime?", [(HB, 2)], "en", [LEX]),
    (
        "q21",
        "I want to make a formal complaint about how I am being treated by my manager. Which form do I use and how long do I have?",
        [(HB, 7)],
        "en",
        [PARA],
    ),
    ("q22", "After how many days off sick do I need a note from my doctor?", [(HB, 5)], "en", [LEX]),
    ("q23", "Am I allowed to wear jeans to the office?", [(HB, 6)], "en", [LEX]),
    (
        "q24",
        "I have worked here for five years and want to resign. How much notice do I have to give?",
        [(HB, 8)],
        "en",
        [LEX],
    ),
    ("q25", "Who is the company's Data Protection Officer and how do I contact them?", [(DP, None)], "en", [LEX]),
    (
        "q26",
        "A customer has asked for a copy of all the personal information we hold about them. How long do we have to reply?",
        [(DP, None)],
        "en",
        [PARA],
    ),
    ("q27", "A supplier sent me a bottle of wine worth about 40 GBP. Can I keep it?", [(CC, None)], "en", [PARA]),
    ("q28", "How can I report fraud without revealing my identity?", [(WB, None)], "en", [LEX]),
    ("q29", "How much money is there each year for my personal training and development?", [(TD, None)], "en", [LEX]),
    ("q30", "How many days of study leave can I take?", [(TD, None)], "en", [LEX]),
    (
        "q31",
        "If the company pays for my course and I leave ten months after finishing it, do I have to pay anything back?",
        [(TD, None)],
        "en",
        [PARA],
    ),
    ("q32", "Where do we gather outside if the fire alarm goes off at the Leeds office?", [(HS, 2)], "en", [PARA]),
    ("q33", "How soon after an accident at work must it be written up?", [(HS, 3)], "en", [PARA]),
    ("q34", "When is the weekly fire alarm test?", [(HS, 2)], "en", [LEX]),
    ("q35", "How many weeks of full pay do I get on maternity leave?", [(PL, 1)], "en", [LEX]),
    ("q36", "How much paid leave does a new father get when his baby is born?", [(PL, 2)], "en", [PARA]),
    ("q37", "What is the password for the guest Wi-Fi and where do visitors find it?", [(FAQ, None)], "en", [LEX]),
    ("q38", "What is the postal address of the Valencia office?", [(CON, None)], "en", [LEX]),
    ("q39", "TRV-030", [(EX, 1)], "en", [EXACT]),
    ("q40", "¿Cuántos días de vacaciones tengo al año en Meridian Freight Iberia?", [(ESV, 1)], "es", [LEX]),
    ("q41", "Me caso el mes que viene. ¿Cuántos días libres me corresponden?", [(ESV, 3)], "es", [PARA]),
    (
        "q42",
        "¿Hasta qué fecha puedo disfrutar las vacaciones que me quedaron pendientes del año pasado?",
        [(ESV, 2)],
        "es",
        [LEX],
    ),
    ("q43", "¿Cuántos días a la semana puedo teletrabajar?", [(EST, None)], "es", [LEX]),
    ("q44", "¿Cuánto me paga la empresa al mes por los gastos de trabajar desde casa?", [(EST, None)], "es", [PARA]),
    ("q45", "¿A partir de qué hora no estoy obligado a contestar correos del trabajo?", [(EST, None)], "es", [LEX]),
    (
        "q46",
        "Un proveedor quiere hacerme un regalo. ¿Cuál es el valor máximo que puedo aceptar?",
        [(ESC, None)],
        "es",
        [LEX],
    ),
    ("q47", "¿Qué equipo de protección tiene que llevar un carretillero?", [(ESC, None)], "es", [LEX]),
    ("q48", "¿Cuáles son las fiestas locales de Valencia en 2025?", [(ESV, 4)], "es", [LEX]),
    (
        "q49",
        "¿Cuánto se paga por milla si uso mi coche particular en un viaje de trabajo en el Reino Unido?",
        [(EX, 3)],
        "es",
        [XLANG],
    ),
    ("q50", "¿Cuántos caracteres como mínimo debe tener una contraseña?", [(IT, 2)], "es", [XLANG]),
    ("q51", "Am I entitled to a company car?", [], "en", [UNANS]),
    ("q52", "Does the company offer pet insurance?", [], "en", [UNANS]),
    ("q53", "Is there a discount on gym membership for employees?", [], "en", [UNANS]),
    ("q54", "Can I take a six-month sabbatical?", [], "en", [UNANS]),
    ("q55", "How is the annual bonus calculated?", [], "en", [UNANS]),
    ("q56", "¿Ofrece la empresa opciones sobre acciones a los empleados?", [], "es", [UNANS]),
    ("q57", "¿La empresa da cheques guardería?", [], "es", [UNANS]),
    # ---- leave policy 2025 (current) ----
    (
        "q58",
        "I'm planning a fortnight away this summer. How far ahead do I need to put the request in?",
        [(LV, 2)],
        "en",
        [PARA],
    ),
    ("q59", "I came down with flu on the second day of my week off. Do I lose those days?", [(LV, 4)], "en", [PARA]),
    ("q60", "Can I pay to get a few extra days off on top of my normal allowance?", [(LV, 4)], "en", [PARA, VERSION]),
    ("q61", "My dad passed away at the weekend. How much paid time off can I take?", [(LV, 3)], "en", [PARA, VERSION]),
    (
        "q62",
        "I've been summoned for jury duty on a trial expected to last four weeks. Will the company make up my pay for the whole time?",
        [(LV, 3)],
        "en",
        [PARA, VERSION],
    ),
    (
        "q63",
        "My son's childminder cancelled at the last minute and I had to stay home with him. Is that day paid?",
        [(LV, 3)],
        "en",
        [PARA, VERSION],
    ),
    (
        "q64",
        "I work at the Daventry depot and I'm moving to a new flat next month. Do I get a day off for it?",
        [(LV, 3)],
        "en",
        [PARA, VERSION],
    ),
    ("q65", "Can I get paid time off to help out at a local food bank?", [(LV, 3)], "en", [PARA, VERSION]),
    (
        "q66",
        "I was off ill for seven months this year and couldn't take my time off. Do I just lose it?",
        [(LV, 2)],
        "en",
        [PARA],
    ),
    (
        "q67",
        "I'm resigning and still have six days' leave I haven't used. Do I get money for them?",
        [(LV, 4), (HB, 8)],
        "en",
        [PARA],
    ),
    ("q68", "HR-120", [(LV, 4)], "en", [EXACT]),
    (
        "q69",
        "Trabajo en Leeds y este año me sobran diez días de vacaciones. ¿Los pierdo?",
        [(LV, 2)],
        "es",
        [XLANG, PARA, VERSION],
    ),
    (
        "q70",
        "Llevo once años en la sede de Leeds. ¿Cuántos días de vacaciones anuales me corresponden?",
        [(LV, 1)],
        "es",
        [XLANG, VERSION],
    ),
    # ---- employee handbook ----
    (
        "q71",
        "My mate is stuck in traffic and asked me to swipe him in at the depot terminal. Is that OK?",
        [(HB, 2)],
        "en",
        [PARA],
    ),
    ("q72", "Can I step out for two hours at midday and make the time up in the evening?", [(HB, 2)], "en", [PARA]),
    (
        "q73",
        "I started three weeks ago. Am I allowed to take a few days off before my trial period is over?",
        [(HB, 3)],
        "en",
        [PARA],
    ),
    (
        "q74",
        "I'm four months into the job and want to quit. How much notice do I need to give?",
        [(HB, 3), (HB, 8)],
        "en",
        [PARA],
    ),
    ("q75", "I switched banks on the 14th. Will this month's salary go into the new account?", [(HB, 4)], "en", [PARA]),
    ("q76", "When do annual pay rises kick in?", [(HB, 4)], "en", [PARA]),
    ("q77", "My boiler broke and I'm short of money. Can I get part of my wages early?", [(HB, 4)], "en", [PARA]),
    (
        "q78",
        "I woke up with a migraine. Is a WhatsApp message to my boss enough to call in sick?",
        [(HB, 5)],
        "en",
        [PARA],
    ),
    (
        "q79",
        "I'm having an operation and will be off work for six weeks. Will I get my normal wages the whole time?",
        [(HB, 5)],
        "en",
        [PARA],
    ),
    ("q80", "What shoes do I need to walk across the loading area at the Immingham depot?", [(HB, 6)], "en", [PARA]),
    ("q81", "Am I allowed an e-cigarette in my truck cab while I'm parked up on a break?", [(HB, 6)], "en", [PARA]),
    (
        "q82",
        "I'm not happy with the decision on my grievance. How long do I have to challenge it?",
        [(HB, 7)],
        "en",
        [PARA],
    ),
    (
        "q83",
        "I've worked here fifteen years. If I were dismissed, how much warning am I entitled to?",
        [(HB, 8)],
        "en",
        [PARA],
    ),
    ("q84", "Roughly how big is the workforce across the whole group?", [(HB, 1)], "en", [PARA]),
    ("q85", "Who answers on extension 4100?", [(CON, None), (HB, 5), (PL, 3)], "en", [EXACT]),
    # ---- expenses and travel ----
    (
        "q86",
        "Who should I go through to arrange rail tickets and a room for an overnight trip to Manchester?",
        [(EX, 1), (EX, 4)],
        "en",
        [PARA],
    ),
    (
        "q87",
        "I can't find the paper slip for a 60 GBP client dinner any more. Is there a way to still get reimbursed?",
        [(EX, 2)],
        "en",
        [PARA],
    ),
    (
        "q88",
        "I just found a taxi fare from four months ago in my coat pocket. Can I still get the money back?",
        [(EX, 2)],
        "en",
        [PARA],
    ),
    (
        "q89",
        "My customer visit finishes at half past eleven at night. Can I expense a cab back to the hotel?",
        [(EX, 3)],
        "en",
        [PARA],
    ),
    (
        "q90",
        "I got a parking ticket outside a customer's warehouse. Will the company cover it?",
        [(EX, 3), (EX, 5)],
        "en",
        [PARA],
    ),
    (
        "q91",
        "On a work trip to Daventry I'm sleeping at my sister's place rather than booking a room. Do I get any allowance?",
        [(EX, 4)],
        "en",
        [PARA],
    ),
    ("q92", "Can I put a glass of wine with my dinner on expenses?", [(EX, 4)], "en", [PARA]),
    (
        "q93",
        "Our department wants a Christmas night out together. What's the spending cap per person?",
        [(EX, 5)],
        "en",
        [PARA],
    ),
    ("q94", "What is form FIN-225?", [(EX, 2)], "en", [EXACT]),
    (
        "q95",
        "Viajo de Leeds a Valencia por trabajo. ¿Cuánto puedo gastar como máximo en el hotel por noche?",
        [(EX, 4)],
        "es",
        [XLANG],
    ),
    # ---- IT acceptable use and security ----
    ("q96", "Does IT keep a record of the websites I visit, and for how long?", [(IT, 1)], "en", [PARA]),
    (
        "q97",
        "Can I keep work documents in my personal Dropbox so I can get to them from home?",
        [(IT, 1)],
        "en",
        [PARA],
    ),
    ("q98", "I typed my password wrong too many times and now I can't get in. What do I do?", [(IT, 2)], "en", [PARA]),
    (
        "q99",
        "I keep getting login confirmation pop-ups on my phone that I didn't trigger. What should I do?",
        [(IT, 2), (IT, 5)],
        "en",
        [PARA],
    ),
    (
        "q100",
        "I think I just typed my login into a fake Microsoft page. Who do I need to ring?",
        [(IT, 3)],
        "en",
        [PARA],
    ),
    (
        "q101",
        "A haulier emailed to say they've switched banks and that future invoices should be paid into the new account. How should I check this?",
        [(IT, 3)],
        "en",
        [PARA],
    ),
    (
        "q102",
        "I'm flying to a customer site in Canada next month with my work laptop. Do I need to tell IT anything beforehand?",
        [(IT, 4)],
        "en",
        [PARA],
    ),
    ("q103", "What is form IT-330 for?", [(IT, 4)], "en", [EXACT]),
    ("q104", "What is the response target for a P2 security incident?", [(IT, 5)], "en", [EXACT]),
    (
        "q105",
        "He perdido el portátil de la empresa en el tren. ¿A quién aviso y en cuánto tiempo?",
        [(IT, 4)],
        "es",
        [XLANG],
    ),
    (
        "q106",
        "¿Cada cuánto tiempo tengo que cambiar la contraseña del ordenador del trabajo?",
        [(IT, 2)],
        "es",
        [XLANG],
    ),
    (
        "q107",
        "Cuando trabajo desde una cafetería con el portátil de la empresa, ¿tengo que conectarme a la VPN?",
        [(IT, 4), (EST, None)],
        "es",
        [XLANG],
    ),
    # ---- parental leave ----
    (
        "q108",
        "If I don't come back after my maternity leave, will I have to give any money back?",
        [(PL, 1)],
        "en",
        [PARA],
    ),
    ("q109", "My wife is expecting. Will I be paid if I go along to her scans?", [(PL, 3)], "en", [PARA]),
    (
        "q110",
        "When I return from leave I'll still be nursing. Is there somewhere at head office where I can pump?",
        [(PL, 3)],
        "en",
        [PARA],
    ),
    ("q111", "When my baby leave ends, can I do shorter days for a while to readjust?", [(PL, 3)], "en", [PARA]),
    ("q112", "How far ahead do I have to submit HR-140 before my paternity leave?", [(PL, 2)], "en", [EXACT]),
    (
        "q113",
        "Estoy de baja por maternidad en el Reino Unido. ¿Puedo trabajar algunos días sueltos sin que se acabe el permiso?",
        [(PL, 2)],
        "es",
        [XLANG],
    ),
    (
        "q114",
        "Mi pareja va a dar a luz y yo trabajo en la sede de Leeds. ¿Cuántas semanas de permiso de paternidad pagado tengo?",
        [(PL, 2)],
        "es",
        [XLANG],
    ),
    # ---- health and safety ----
    ("q115", "My supervisor wants me to use a forklift with faulty brakes. Can I refuse?", [(HS, 1)], "en", [PARA]),
    ("q116", "It's freezing in my office. Can I bring in a small electric heater from home?", [(HS, 2)], "en", [PARA]),
    ("q117", "Where's the nearest AED in the Leeds building?", [(HS, 3)], "en", [PARA]),
    ("q118", "How fast am I allowed to drive around the yard?", [(HS, 4)], "en", [PARA]),
    ("q119", "Can I lift a 25 kg box of parts on my own?", [(HS, 4)], "en", [PARA]),
    ("q120", "I need specs just for looking at my monitor. Does the company chip in?", [(HS, 4)], "en", [PARA]),
    ("q121", "HS-501", [(HS, 3)], "en", [EXACT]),
    ("q122", "When does an injury have to be reported under RIDDOR?", [(HS, 3)], "en", [EXACT]),
    ("q123", "Who can I reach on extension 4310?", [(HS, 4), (CON, None)], "en", [EXACT]),
    (
        "q124",
        "¿Dónde nos reunimos si suena la alarma de incendios en el centro de Daventry?",
        [(HS, 2)],
        "es",
        [XLANG, PARA],
    ),
    # ---- remote work (UK) ----
    (
        "q125",
        "I'd like to spend two weeks working from my parents' place in Portugal. Is that allowed?",
        [(RW, None)],
        "en",
        [PARA],
    ),
    ("q126", "Which weekday do my Leeds colleagues and I all have to be in together?", [(RW, None)], "en", [PARA]),
    ("q127", "¿Qué es el formulario HR-106?", [(RW, None)], "es", [XLANG, EXACT]),
    (
        "q128",
        "Trabajo en la sede de Leeds. ¿Cuántos días a la semana puedo trabajar desde casa?",
        [(RW, None)],
        "es",
        [XLANG, PARA],
    ),
    (
        "q129",
        "Teletrabajo desde York para la oficina de Leeds. ¿Me pagan algo al mes por la luz y la calefacción?",
        [(RW, None)],
        "es",
        [XLANG],
    ),
    # ---- training and development ----
    (
        "q130",
        "I didn't use all of my learning money this year. Does the rest roll over to next year?",
        [(TD, None)],
        "en",
        [PARA],
    ),
    (
        "q131",
        "I want to do an evening diploma in logistics. How early do I have to put in the L&D-205?",
        [(TD, None)],
        "en",
        [EXACT, PARA],
    ),
    (
        "q132",
        "I've been in the same post for two years and fancy an opening in another department. Must my boss agree before I put myself forward?",
        [(TD, None)],
        "en",
        [PARA],
    ),
    ("q133", "How many hours of CPC training does an HGV driver need?", [(TD, None)], "en", [EXACT]),
    # ---- on-call and overtime ----
    (
        "q134",
        "When I'm covering out of hours, how quickly do I have to pick up when the phone rings?",
        [(OC, None)],
        "en",
        [PARA],
    ),
    (
        "q135",
        "I was dragged out to a breakdown at 1am and didn't get home till 4. Can I come in late tomorrow?",
        [(OC, None)],
        "en",
        [PARA],
    ),
    (
        "q136",
        "Rather than cash for the extra hours I put in last month, could I take them as days off later?",
        [(OC, None)],
        "en",
        [PARA],
    ),
    ("q137", "Is there a cap on how many hours a week I can be made to work?", [(OC, None)], "en", [PARA]),
    ("q138", "OPS-410", [(OC, None)], "en", [EXACT]),
    ("q139", "I'm on grade M1. Am I paid for the extra hours I work?", [(OC, None)], "en", [EXACT, PARA]),
    # ---- data protection ----
    ("q140", "How long do we keep the footage from the security cameras in the yard?", [(DP, None)], "en", [PARA]),
    ("q141", "We turned down a candidate last week. How long can we hold on to their CV?", [(DP, None)], "en", [PARA]),
    (
        "q142",
        "I accidentally sent a colleague's home address and bank details to an outside company. What should I do now?",
        [(DP, None), (IT, 5)],
        "en",
        [PARA],
    ),
    ("q143", "Who is on extension 4217?", [(DP, None), (CON, None)], "en", [EXACT]),
    # ---- code of conduct (UK) ----
    ("q144", "A customer handed me a 20 GBP Amazon voucher to say thanks. Can I keep it?", [(CC, None)], "en", [PARA]),
    (
        "q145",
        "A supplier has invited me to a Champions League match, with flights and a hotel included. Can I go?",
        [(CC, None)],
        "en",
        [PARA],
    ),
    (
        "q146",
        "An officer at the port hinted that fifty euros in cash would get our truck cleared quicker. Is that acceptable?",
        [(CC, None)],
        "en",
        [PARA],
    ),
    ("q147", "Can I do weekend shifts for another haulage firm as a side job?", [(CC, None)], "en", [PARA]),
    ("q148", "Can I share a picture of our new racking on my TikTok?", [(CC, None)], "en", [PARA]),
    ("q149", "When is the COM-160 due?", [(CC, None)], "en", [EXACT]),
    (
        "q150",
        "Un proveedor británico me ha ofrecido un regalo de 45 libras. Trabajo en la oficina de Leeds. ¿Puedo aceptarlo?",
        [(CC, None)],
        "es",
        [XLANG],
    ),
    # ---- whistleblowing ----
    (
        "q151",
        "I reported that tachograph records were being faked. When should I expect to hear back?",
        [(WB, None)],
        "en",
        [PARA],
    ),
    ("q152", "What is the ClearLine phone number?", [(WB, None), (CON, None)], "en", [EXACT]),
    # ---- Spanish documents, Spanish questions ----
    ("q153", "¿Qué día tengo que ir sí o sí a la oficina de Valencia?", [(EST, None)], "es", [LEX]),
    (
        "q154",
        "Quiero dejar de teletrabajar y volver a la oficina todos los días. ¿Con cuánta antelación tengo que avisar?",
        [(EST, None)],
        "es",
        [PARA],
    ),
    (
        "q155",
        "Teletrabajo para la oficina de Valencia. ¿Cuánto me devuelven si me compro una silla para trabajar desde casa?",
        [(EST, None)],
        "es",
        [PARA],
    ),
    ("q156", "RH-ES-07", [(EST, None)], "es", [EXACT]),
    (
        "q157",
        "Sospecho que un compañero de la oficina de Valencia cobra comisiones de un transportista. ¿Cómo lo denuncio sin dar mi nombre?",
        [(ESC, None)],
        "es",
        [PARA],
    ),
    ("q158", "¿Quién atiende la extensión 230?", [(ESC, None)], "es", [EXACT]),
    ("q159", "¿Para qué sirve el parte PRL-03?", [(ESC, None)], "es", [EXACT]),
    (
        "q160",
        "Empiezo el lunes como mozo en el almacén de Riba-roja. ¿Me darán algún curso de seguridad antes?",
        [(ESC, None)],
        "es",
        [PARA],
    ),
    (
        "q161",
        "Soy carretillero en Riba-roja. ¿Puedo saltarme la revisión de salud que organiza la empresa?",
        [(ESC, None)],
        "es",
        [PARA],
    ),
    (
        "q162",
        "Se ha muerto mi abuela en Sevilla y yo vivo en Valencia. ¿Cuántos días libres tengo?",
        [(ESV, 3)],
        "es",
        [PARA],
    ),
    (
        "q163",
        "A mi madre la operan la semana que viene y se quedará ingresada. ¿Me dan días libres para acompañarla?",
        [(ESV, 3)],
        "es",
        [PARA],
    ),
    (
        "q164",
        "Trabajo en el almacén de Riba-roja. ¿Puedo cogerme dos semanas seguidas en diciembre?",
        [(ESV, 2)],
        "es",
        [PARA],
    ),
    (
        "q165",
        "Cuando nazca mi bebé, ¿puedo cambiar la hora diaria para dar el pecho por días libres seguidos?",
        [(ESV, 4)],
        "es",
        [PARA],
    ),
    # ---- English questions about Spanish documents ----
    (
        "q166",
        "A colleague at our Riba-roja warehouse is getting married in June. How many days off does she get?",
        [(ESV, 3)],
        "en",
        [XLANG],
    ),
    (
        "q167",
        "What protective gear must a forklift driver wear at the Riba-roja warehouse?",
        [(ESC, None)],
        "en",
        [XLANG],
    ),
    (
        "q168",
        "Our Valencia team keeps getting emails late at night. After what time are they no longer obliged to reply?",
        [(EST, None)],
        "en",
        [XLANG],
    ),
    # ---- unanswerable ----
    ("q169", "Can I bring my dog to the Leeds office?", [], "en", [UNANS]),
    ("q170", "How much does the company pay into my pension each month?", [], "en", [UNANS]),
    ("q171", "Is there a cycle-to-work scheme to help me buy a bike?", [], "en", [UNANS]),
    ("q172", "Are there charging points for electric cars in the Leeds car park?", [], "en", [UNANS]),
    (
        "q173",
        "Will the company pay my removal costs if I transfer from the Leeds office to the Daventry depot?",
        [],
        "en",
        [UNANS],
    ),
    ("q174", "¿La empresa ofrece un seguro médico privado a la plantilla?", [], "es", [UNANS]),
    ("q175", "En la oficina de Valencia, ¿la empresa nos da tickets restaurante?", [], "es", [UNANS]),
]

KEY_PHRASES = {
    "q01": ["carry over up to 8 unused vacation days"],
    "q02": ["must be used by 30 April"],
    "q03": ["6 years to less than 10 years 27"],
    "q04": ["0.45 GBP per mile"],
    "q05": ["within 30 days of the date on which the expense was incurred"],
    "q06": ["For items of 25 GBP or less"],
    "q07": ["London (inside the M25) 185 GBP"],
    "q08": ["form FIN-220 (Expense Claim)"],
    "q09": ["at least 14 characters long"],
    "q10": ["security@meridianfreight.co.uk"],
    "q11": ["within 1 hour of discovery"],
    "q12": ["remotely lock and wipe the device"],
    "q13": ["up to 3 days per week"],
    "q14": ["form HR-104 (Remote Working Request)"],
    "q15": ["Ergonomic office chair"],
    "q16": ["Depot Duty Manager"],
    "q17": ["Sundays and bank holidays: double time"],
    "q18": ["on the 25th day of each month"],
    "q19": ["probationary period of six months"],
    "q20": ["core hours between 10:00 and 16:00"],
    "q21": ["form HR-310 (Formal Grievance)"],
    "q22": ["more than seven calendar days"],
    "q23": ["Jeans and trainers in good condition may be worn on Fridays"],
    "q24": ["4 years to less than 12 years 4 weeks"],
    "q25": ["Helen Okafor"],
    "q26": ["within one month of receipt"],
    "q27": ["up to a value of 50 GBP per gift"],
    "q28": ["You may choose to remain anonymous"],
    "q29": ["1,200 GBP per year"],
    "q30": ["up to 6 days of paid study leave per year"],
    "q31": ["Less than 12 months"],
    "q32": ["Car Park B, next to the gatehouse"],
    "q33": ["recorded within 24 hours of the event"],
    "q34": ["tested every Wednesday at 11:00"],
    "q35": ["18 weeks at full basic pay"],
    "q36": ["two weeks of paternity leave"],
    "q37": ["MF-Guest"],
    "q38": ["Avenida del Puerto 301"],
    "q39": ["form TRV-030"],
    "q40": ["23 días laborables de vacaciones"],
    "q41": ["Matrimonio o registro de pareja de hecho 15 días naturales"],
    "q42": ["hasta el 31 de enero del año siguiente"],
    "q43": ["un máximo de dos días a la semana"],
    "q44": ["35 EUR brutos al mes"],
    "q45": ["entre las 19:00 y las 08:00"],
    "q46": ["no supere los 60 EUR por regalo"],
    "q47": ["Carretillero"],
    "q48": ["22 de enero, San Vicente Mártir"],
    "q49": ["0.45 GBP per mile"],
    "q50": ["at least 14 characters long"],
    "q58": ["at least twice as many days as the length of the holiday"],
    "q59": ["will be reinstated to your balance"],
    "q60": ["may buy up to 4 additional days of holiday"],
    "q61": ["you may take up to five days of paid compassionate"],
    "q62": ["to your normal basic pay for the full period of service"],
    "q63": ["The first day of each such absence is paid"],
    "q64": ["one day of paid leave once per holiday year when you move house"],
    "q65": ["two days of paid volunteering leave per holiday year"],
    "q66": ["taken within 18 months of the end of the holiday year"],
    "q67": ["you will be paid for any accrued but untaken holiday", "any untaken holiday will be paid"],
    "q68": ["form HR-120 (Holiday Purchase)"],
    "q69": ["carry over up to 8 unused vacation days"],
    "q70": ["10 years or more 29 8"],
    "q71": ["You must never clock in or out on behalf of another person"],
    "q72": ["no more than 90 minutes"],
    "q73": ["you may book leave during probation with your manager's approval"],
    "q74": [
        "either party may end the employment by giving one week's written notice",
        "During probation 1 week 1 week",
    ],
    "q75": ["anything received after the 10th is processed in the following month"],
    "q76": ["Pay is reviewed once a year with effect from 1 July"],
    "q77": ["Salary advances are only available in exceptional circumstances"],
    "q78": ["personally by telephone, not by text message or email"],
    "q79": ["full basic pay for up to four weeks, followed by half basic pay"],
    "q80": ["safety footwear meeting at least standard S3"],
    "q81": ["Smoking and vaping are only permitted in the designated shelters"],
    "q82": ["within 14 calendar days of receiving the outcome letter"],
    "q83": ["12 years or more 4 weeks 12 weeks"],
    "q84": ["The group employs around 640 people"],
    "q85": [
        "HR Service Centre ext. 4100",
        "call the HR Service Centre on extension 4100",
        "HR Service Centre on extension 4100",
    ],
    "q86": ["Northgate Travel", "hotels should be booked through Northgate Travel"],
    "q87": ["Missing Receipt Declaration on form FIN-225"],
    "q88": ["claims more than 90 days old will not be paid at all"],
    "q89": ["when travelling between 22:00 and 06:00"],
    "q90": ["Parking fines, speeding fines and other penalty charges are personal", "fines and penalty charges"],
    "q91": ["you may claim a flat 20 GBP per night"],
    "q92": ["Alcohol is not reimbursed as part of subsistence"],
    "q93": ["limited to 35 GBP per head"],
    "q94": ["Missing Receipt Declaration on form FIN-225"],
    "q95": ["Valencia 125 EUR 45 EUR"],
    "q96": ["Logs are kept for 12 months"],
    "q97": ["not on personal cloud storage services"],
    "q98": ["Accounts are locked after 6 consecutive failed login attempts"],
    "q99": ["Never approve an MFA prompt that you did not expect", "unexpected MFA prompts"],
    "q100": ["call the IT Service Desk straight away on extension 4400"],
    "q101": ["must be verified by telephone using a number already held in our records"],
    "q102": ["five working days before taking a company device outside the UK and the European Economic Area"],
    "q103": ["request an exception on form IT-330"],
    "q104": ["P2 High Compromised account; lost device with sensitive data 2 hours"],
    "q105": ["report it to the IT Service Desk immediately, and in any case within 1 hour"],
    "q106": ["You do not need to change your password on a schedule"],
    "q107": [
        "public Wi-Fi in hotels, stations and cafes may be used only with the VPN connected",
        "En los días de teletrabajo es obligatorio conectarse a través de la VPN corporativa",
    ],
    "q108": ["you will be asked to repay the enhanced element"],
    "q109": ["Partners may take paid time off to attend two antenatal appointments"],
    "q110": ["room G.14"],
    "q111": ["reduced hours of at least 80 percent of your contracted hours for your first four weeks"],
    "q112": ["You must give at least 28 days' notice of each period of leave, using form HR-140"],
    "q113": ["up to 10 keeping in touch (KIT) days"],
    "q114": ["two weeks of paternity leave, which the company pays at full basic pay"],
    "q115": ["You have the right to stop any task that you believe is unsafe"],
    "q116": ["Portable heaters are not permitted at any site"],
    "q117": ["Defibrillators are located at Leeds reception"],
    "q118": ["The speed limit in all yards is 5 mph"],
    "q119": ["loads over 20 kg must be moved with mechanical aids or by two people"],
    "q120": ["contributes up to 75 GBP towards glasses needed only for screen work"],
    "q121": ["form HS-501 (Accident and Near Miss Report)"],
    "q122": ["must be reported to the HSE within 15 days of the accident"],
    "q123": ["Health and Safety Manager on extension 4310", "Health and Safety ext. 4310 Gareth Lowe"],
    "q124": ["at Daventry it is the front visitor car park"],
    "q125": ["You may work from abroad for no more than 10 working days in any calendar year"],
    "q126": ["for most head office teams the anchor day is Tuesday"],
    "q127": ["form HR-106 (Home Equipment Claim)"],
    "q128": ["may work remotely for up to 3 days per week"],
    "q129": ["home working allowance of 26 GBP per month"],
    "q130": ["Unused budget cannot be carried over"],
    "q131": ["form L&D-205 (Development Request) in PeoplePoint at least six weeks before"],
    "q132": ["may apply without first asking their manager's permission"],
    "q133": ["35 hours of periodic training every five years"],
    "q134": ["answer calls within 15 minutes"],
    "q135": ["you may start work up to four hours later the next day without loss of pay"],
    "q136": ["time off in lieu (TOIL) at one hour for every hour of overtime worked"],
    "q137": ["must not exceed an average of 48 hours per week over a 17-week reference period"],
    "q138": ["form OPS-410 (Overtime Authorisation)"],
    "q139": ["Managers on grade M1 and above are not paid for overtime or standby"],
    "q140": ["CCTV footage 31 days"],
    "q141": ["Unsuccessful job applications 6 months after the recruitment decision"],
    "q142": [
        "Report every suspected breach to the IT Service Desk as a security incident",
        "an email sent to the wrong person containing personal or commercial data",
    ],
    "q143": ["on extension 4217", "Data Protection Officer ext. 4217"],
    "q144": ["Cash, vouchers and gift cards must never be accepted"],
    "q145": ["any hospitality that includes travel or an overnight stay, requires the prior approval of your Director"],
    "q146": ["Never make facilitation payments"],
    "q147": ["Secondary employment, including driving for another operator, requires the prior written approval"],
    "q148": ["post photographs taken inside our sites or vehicles"],
    "q149": ["annual declaration on form COM-160 by 31 January"],
    "q150": ["up to a value of 50 GBP per gift"],
    "q151": ["acknowledge your concern within 7 days"],
    "q152": ["0808 157 0246", "ClearLine hotline 0808 157 0246"],
    "q153": ["El miércoles es un día presencial para toda la plantilla de la oficina de Valencia"],
    "q154": ["poner fin al acuerdo con un preaviso de un mes"],
    "q155": ["Silla ergonómica Reembolso hasta 150 EUR"],
    "q156": ["formulario RH-ES-07 (Acuerdo de trabajo a distancia)"],
    "q157": [
        "a través del canal ético, escribiendo a canal.etico@meridianfreight.es o mediante el formulario web, incluso de forma anónima"
    ],
    "q158": ["La responsable de PRL de la empresa es Lucía Ferrer, con extensión 230"],
    "q159": ["mediante el parte interno PRL-03"],
    "q160": ["formación inicial en prevención de riesgos laborales de 8 horas antes de empezar a trabajar"],
    "q161": ["Es voluntario con carácter general, pero obligatorio para carretilleros y conductores"],
    "q162": ["2 días laborables (4 si hay"],
    "q163": ["de familiar hasta segundo grado o conviviente 5 días laborables"],
    "q164": ["el personal de almacén no podrá disfrutar de más de cinco días laborables consecutivos"],
    "q165": ["puede acumularse en 14 días laborables completos"],
    "q166": ["Matrimonio o registro de pareja de hecho 15 días naturales"],
    "q167": ["Carretillero Calzado de seguridad S3, chaleco de alta visibilidad y cinturón de seguridad"],
    "q168": ["No existe obligación de responder correos, llamadas ni mensajes entre las 19:00 y las 08:00"],
}

ABSENT_TERMS = {
    "q51": [r"company cars?\b", r"car allowance", r"coches? de empresa", r"veh[ií]culo de empresa"],
    "q52": [r"\bpets?\b", r"mascota", r"\banimal"],
    "q53": [r"\bgym", r"gimnasio", r"fitness"],
    "q54": [r"sabbatical", r"career break", r"sab[aá]tico", r"excedencia"],
    "q55": [r"\bbonus", r"\bprima\b", r"incentive", r"incentivo"],
    "q56": [
        r"stock",
        r"share option",
        r"share scheme",
        r"\bshares\b",
        r"opciones sobre acciones",
        r"acciones de la empresa",
    ],
    "q57": [r"guarder[ií]a", r"childcare", r"nursery"],
    "q169": [r"\bdogs?\b", r"\bperros?\b"],
    "q170": [r"pension", r"pensi[oó]n", r"retirement", r"jubilaci[oó]n"],
    "q171": [r"cycle[- ]to[- ]work", r"\bbikes?\b", r"bike scheme", r"cycle scheme", r"bicicleta"],
    "q172": [
        r"charging (points?|stations?)",
        r"electric (cars?|vehicles?)",
        r"\bEVs?\b",
        r"puntos? de recarga",
        r"veh[ií]culos? el[eé]ctricos?",
        r"coches? el[eé]ctricos?",
    ],
    "q173": [r"relocation", r"removal", r"reubicaci[oó]n", r"mudanza", r"gastos de traslado"],
    "q174": [
        r"medical insurance",
        r"health insurance",
        r"private medical",
        r"private health",
        r"seguros? m[eé]dicos?",
        r"seguros? de salud",
        r"sanidad privada",
    ],
    "q175": [
        r"tickets? restaurante",
        r"tarjetas? restaurante",
        r"meal vouchers?",
        r"luncheon vouchers?",
        r"food vouchers?",
        r"cheques? (de )?comida",
        r"tarjetas? (de )?comida",
    ],
}

# Facts that must NOT be on a given page (keeps the versioned-policy test honest).
NOT_ON_PAGE = [
    ("hr/leave-policy-2025.pdf", 1, "carry over up to"),
    ("hr/leave-policy-2023.pdf", 1, "carry over up to"),
]
# Extra page-level facts about the superseded version (not in questions.jsonl).
EXTRA_PAGE_FACTS = [
    ("hr/leave-policy-2023.pdf", 2, "carry over up to 5 unused vacation days"),
    ("hr/leave-policy-2023.pdf", 2, "must be used by 31 March"),
    ("hr/leave-policy-2023.pdf", 1, "Effective 1 January 2023"),
    ("hr/leave-policy-2025.pdf", 1, "Effective 1 January 2025"),
    ("hr/leave-policy-2025.pdf", 1, "supersedes the Leave Policy effective 1 January 2023"),
]

# ---------------------------------------------------------------------------
# 5. Writers
# ---------------------------------------------------------------------------


def _latin1(text: str) -> str:
    """fpdf2 core fonts only cover Latin-1: fail loudly on anything else."""
    text.encode("latin-1")
    return text


def write_pdf(doc: dict, out_root: Path) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    title = doc["title"]

    class PolicyPDF(FPDF):
        def header(self):
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.set_xy(self.l_margin, 10)
            self.cell(0, 5, _latin1(f"{COMPANY} - {title}"), new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(160, 160, 160)
            self.line(self.l_margin, 16, self.w - self.r_margin, 16)
            self.set_text_color(0, 0, 0)
            self.set_y(22)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 8, f"Internal use only - Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = PolicyPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author(COMPANY)
    pdf.set_creator("sample_corpus/make_corpus.py")
    pdf.set_lang(doc["lang"])
    pdf.set_margins(20, 22, 20)
    pdf.set_auto_page_break(True, margin=20)

    for page_no, blocks in enumerate(doc["pages"], start=1):
        pdf.add_page()
        if page_no == 1:
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            for i, line in enumerate(doc["front"]):
                pdf.set_font("Helvetica", "B" if i == 0 else "", 10)
                pdf.multi_cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(3)
        for kind, *args in blocks:
            if kind == "h":
                pdf.ln(1)
                pdf.set_font("Helvetica", "B", 11)
                pdf.multi_cell(0, 6, _latin1(args[0]), new_x="LMARGIN", new_y="NEXT")
            elif kind == "p":
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, _latin1(args[0]), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif kind == "b":
                pdf.set_font("Helvetica", "", 10)
                for item in args[0]:
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.multi_cell(pdf.epw - 4, 5, _latin1("- " + item), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif kind == "t":
                rows, widths = args
                pdf.set_font("Helvetica", "", 9)
                with pdf.table(
                    col_widths=widths,
                    text_align="LEFT",
                    line_height=5,
                    padding=1.5,
                    first_row_as_headings=True,
                    headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                ) as table:
                    for row in rows:
                        r = table.row()
                        for cell in row:
                            r.cell(_latin1(cell))
                pdf.ln(3)
            else:
                raise ValueError(f"unknown PDF block {kind!r}")
        if pdf.page_no() != page_no:
            raise RuntimeError(f"{doc['path']}: planned page {page_no} overflowed onto page {pdf.page_no()}")

    out = out_root / doc["path"]
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps/attributes so output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


def write_docx(doc: dict, out_root: Path) -> Path:
    from docx import Document

    d = Document()
    cp = d.core_properties
    cp.title = doc["title"]
    cp.author = COMPANY
    cp.last_modified_by = COMPANY
    cp.created = FIXED_DATE.replace(tzinfo=None)
    cp.modified = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1
    cp.language = "es-ES" if doc["path"].startswith("es/") else "en-GB"

    d.add_heading(doc["title"], level=0)
    for i, line in enumerate(doc["front"]):
        para = d.add_paragraph()
        para.add_run(line).bold = i == 0
    for kind, *args in doc["blocks"]:
        if kind == "h1":
            d.add_heading(args[0], level=1)
        elif kind == "h2":
            d.add_heading(args[0], level=2)
        elif kind == "p":
            d.add_paragraph(args[0])
        elif kind == "b":
            for item in args[0]:
                d.add_paragraph(item, style="List Bullet")
        elif kind == "t":
            rows = args[0]
            table = d.add_table(rows=0, cols=len(rows[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
                    if r_i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            raise ValueError(f"unknown DOCX block {kind!r}")

    buf = io.BytesIO()
    d.save(buf)
    out = out_root / doc["path"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_normalise_zip(buf.getvalue()))
    return out


def questions_jsonl() -> str:
    lines = []
    for qid, question, sources, lang, kinds in QUESTIONS:
        expected = []
        for src, page in sources:
            item = {"source": src}
            if page is not None:
                item["page"] = page
            expected.append(item)
        lines.append(
            json.dumps(
                {
                    "id": qid,
                    "question": question,
                    "expected_sources": expected,
                    "answerable": bool(sources),
                    "language": lang,
                    "kind": list(kinds),
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines) + "\n"


def generate(out_root: Path) -> list[Path]:
    written = []
    for doc in PDF_DOCS:
        written.append(write_pdf(doc, out_root))
    for doc in DOCX_DOCS:
        written.append(write_docx(doc, out_root))
    for rel, text in TEXT_DOCS.items():
        out = out_root / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        written.append(out)
    qpath = out_root / "questions.jsonl"
    qpath.write_text(questions_jsonl(), encoding="utf-8", newline="\n")
    written.append(qpath)
    return written


# ---------------------------------------------------------------------------
# 6. Verification (--check)
# ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [_norm(p.extract_text() or "") for p in PdfReader(str(path)).pages]


def _docx_text(path: Path) -> str:
    from docx import Document

    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" ".join(c.text for c in row.cells))
    return _norm(" ".join(parts))


def check() -> int:
    errors: list[str] = []

    def expect(cond: bool, msg: str) -> None:
        if not cond:
            errors.append(msg)

    # (a) determinism / freshness: regenerate into a temp dir and compare bytes.
    with tempfile.TemporaryDirectory() as tmp:
        tmp_root = Path(tmp)
        for path in generate(tmp_root):
            rel = path.relative_to(tmp_root)
            committed = ROOT / rel
            expect(committed.exists(), f"{rel}: missing - run make_corpus.py")
            if committed.exists():
                same = hashlib.sha256(committed.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()
                expect(same, f"{rel}: differs from a fresh regeneration (not deterministic or stale)")

    # (b) load the text of every document.
    pdf_pages = {d["path"]: _pdf_pages(ROOT / d["path"]) for d in PDF_DOCS}
    docx_text = {d["path"]: _docx_text(ROOT / d["path"]) for d in DOCX_DOCS}
    plain_text = {rel: _norm((ROOT / rel).read_text(encoding="utf-8")) for rel in TEXT_DOCS}

    # (c) structural checks on PDFs.
    for d in PDF_DOCS:
        pages = pdf_pages[d["path"]]
        n = len(pages)
        expect(n == len(d["pages"]), f"{d['path']}: {n} pages, planned {len(d['pages'])}")
        expect((ROOT / d["path"]).stat().st_size < 100_000, f"{d['path']}: larger than 100 KB")
        header = f"{COMPANY} - {d['title']}"
        for i, text in enumerate(pages, start=1):
            expect(header in text, f"{d['path']} p{i}: running header missing")
            expect(f"Internal use only - Page {i} of {n}" in text, f"{d['path']} p{i}: footer missing")
            body = text.replace(header, "").replace(f"Internal use only - Page {i} of {n}", "")
            words = len(body.split())
            expect(words >= 250, f"{d['path']} p{i}: only {words} words")
        expect(d["front"][0] in pages[0], f"{d['path']}: effective date not on page 1")
        expect(d["front"][1] in pages[0], f"{d['path']}: document owner not on page 1")

    # (d) structural checks on DOCX.
    from docx import Document

    for d in DOCX_DOCS:
        doc = Document(str(ROOT / d["path"]))
        styles = [p.style.name for p in doc.paragraphs]
        for needed in ("Title", "Heading 1", "Heading 2", "List Bullet"):
            expect(needed in styles, f"{d['path']}: no paragraph with style {needed}")
        n_tables = sum(1 for b in d["blocks"] if b[0] == "t")
        expect(len(doc.tables) == n_tables, f"{d['path']}: {len(doc.tables)} tables, expected {n_tables}")

    # (e) questions.
    ids = [q[0] for q in QUESTIONS]
    expect(len(ids) == len(set(ids)), "duplicate question ids")
    expect(len(QUESTIONS) >= 80, "fewer than 80 questions")
    expect(sum(1 for q in QUESTIONS if q[3] == "es") >= 20, "fewer than 20 Spanish questions")
    expect(sum(1 for q in QUESTIONS if not q[2]) >= 10, "fewer than 10 unanswerable questions")
    expect(sum(1 for q in QUESTIONS if EXACT in q[4]) >= 10, "fewer than 10 questions tagged exact")
    expect(2 * sum(1 for q in QUESTIONS if PARA in q[4]) >= len(QUESTIONS), "fewer than half tagged paraphrase")
    expect(sum(1 for q in QUESTIONS if XLANG in q[4]) >= 8, "fewer than 8 cross-language questions")
    expect(
        any(q[1] == "How many vacation days can I carry over to next year?" and q[2] == [(LV, 2)] for q in QUESTIONS),
        "mandatory carry-over question missing or wrong",
    )
    all_sources = {d["path"] for d in PDF_DOCS} | {d["path"] for d in DOCX_DOCS} | set(TEXT_DOCS)
    for qid, question, sources, lang, kinds in QUESTIONS:
        expect(lang in ("en", "es"), f"{qid}: unknown language {lang!r}")
        expect(bool(kinds) and set(kinds) <= KINDS and len(set(kinds)) == len(kinds), f"{qid}: bad kind tags {kinds!r}")
        expect((UNANS in kinds) == (not sources), f"{qid}: tagged unanswerable but has sources, or the reverse")
        if not sources:
            expect(qid in ABSENT_TERMS, f"{qid}: unanswerable but no ABSENT_TERMS")
            continue
        phrases = KEY_PHRASES.get(qid)
        expect(phrases is not None and len(phrases) == len(sources), f"{qid}: KEY_PHRASES missing or wrong length")
        if not phrases:
            continue
        for (src, page), phrase in zip(sources, phrases):
            expect(src in all_sources, f"{qid}: unknown source {src}")
            phrase = _norm(phrase)
            if src in pdf_pages:
                expect(page is not None, f"{qid}: PDF source without page")
                pages = pdf_pages[src]
                if page is not None and 1 <= page <= len(pages):
                    expect(phrase in pages[page - 1], f"{qid}: {phrase!r} not on {src} page {page}")
                else:
                    expect(False, f"{qid}: page {page} out of range for {src}")
            else:
                expect(page is None, f"{qid}: page given for non-PDF source {src}")
                text = docx_text.get(src) or plain_text.get(src, "")
                expect(phrase in text, f"{qid}: {phrase!r} not found in {src}")

    # (f) unanswerable questions: none of their terms may appear anywhere.
    corpus_texts = {
        **{f"{k} p{i + 1}": t for k, v in pdf_pages.items() for i, t in enumerate(v)},
        **docx_text,
        **plain_text,
    }
    for qid, patterns in ABSENT_TERMS.items():
        for pat in patterns:
            for where, text in corpus_texts.items():
                m = re.search(pat, text, re.IGNORECASE)
                expect(
                    m is None,
                    f"{qid}: term {pat!r} found in {where}: ...{text[max(0, m.start() - 40) : m.end() + 40] if m else ''}...",
                )

    # (g) versioned policy facts.
    for src, page, phrase in NOT_ON_PAGE:
        expect(phrase not in pdf_pages[src][page - 1], f"{src} page {page} must not contain {phrase!r}")
    for src, page, phrase in EXTRA_PAGE_FACTS:
        expect(phrase in pdf_pages[src][page - 1], f"{src} page {page} should contain {phrase!r}")

    # (h) questions.jsonl on disk matches the data above and parses.
    on_disk = (ROOT / "questions.jsonl").read_text(encoding="utf-8")
    expect(on_disk == questions_jsonl(), "questions.jsonl is stale")
    for line in on_disk.splitlines():
        json.loads(line)

    n_answerable = sum(1 for q in QUESTIONS if q[2])
    if errors:
        print(f"CHECK FAILED ({len(errors)} problems):")
        for e in errors:
            print("  -", e)
        return 1
    print(
        f"OK: {len(PDF_DOCS)} PDFs ({sum(len(v) for v in pdf_pages.values())} pages), "
        f"{len(DOCX_DOCS)} DOCX, {len(TEXT_DOCS)} text files; "
        f"{len(QUESTIONS)} questions ({n_answerable} answerable, "
        f"{len(QUESTIONS) - n_answerable} unanswerable) verified; output is byte-identical on regeneration."
    )
    return 0


def main(argv: list[str]) -> int:
    if "--check" in argv:
        return check()
    for path in generate(ROOT):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
